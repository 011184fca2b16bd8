"""Finding opportunities on /funders/ and in its feed: the core's finder, with the funders' facets.

The same conventions as the evidence finder, because it is the same finder: repeatable slug
parameters, AND across facets, OR within one, a parent group includes its subgroups, counts
beside every option worked out with every other facet applied, cached until the content
changes, and one policy for bad input (a message by the field, the rest of the query applied;
the feed refuses it with a 400).
"""

from django.db.models.functions import Lower

from healthequity.core.finder.facets import ChoiceFacet, GroupFacet, TermFacet, TopicFacet
from healthequity.core.finder.filters import FinderFilterSet, SortOrder
from healthequity.core.finder.finder import Finder

from .vocabularies import Activity, Issue, Location, Stage

__all__ = ["OpportunityFilterSet", "OpportunityFinder"]

REVIEWED = "reviewed"


class OpportunityFilterSet(FinderFilterSet):
    """The query parameters of /funders/ and /funders/feed/ (all repeatable, values are slugs)."""

    facet_definitions = (
        TermFacet("issue", "issues", Issue, legend="Issue"),
        TermFacet("activity", "activities", Activity, legend="Activity"),
        ChoiceFacet("location", "location", Location.choices, legend="Location"),
        ChoiceFacet("stage", "stage", Stage.choices, legend="Stage"),
        GroupFacet(),
        TopicFacet(),
    )
    # The evidence finder's orders, plus one of our own.
    sort_choices = [*SortOrder.choices, (REVIEWED, "Most recently reviewed")]
    orderings = {
        SortOrder.NEWEST: ("-first_published_at", "-pk"),
        SortOrder.OLDEST: ("first_published_at", "pk"),
        SortOrder.TITLE: (Lower("title"), "pk"),
        REVIEWED: ("-last_reviewed", "-first_published_at", "-pk"),
    }


class OpportunityFinder(Finder):
    """The finder over one funders index's live opportunities, for the page and its feed."""

    filterset_class = OpportunityFilterSet
    card_template = "funders/includes/opportunity_card.html"
    result_nouns = ("opportunity", "opportunities")
    empty_template = "funders/includes/no_opportunities.html"

    def __init__(self, data, index_page, *, request=None, **kwargs):
        self.index_page = index_page
        path = index_page.get_url(request) or ""
        super().__init__(
            data,
            index_page.live_opportunities(),
            request=request,
            path=path,
            cache_scope=f"opportunities-of-{index_page.pk}",
            feed_path=path + index_page.reverse_subpage("feed") if path else "",
            **kwargs,
        )
        self.feed_heading = index_page.title

    def listing_queryset(self, scope):
        return scope.prefetch_related("issues", "groups", "topics").order_by("-first_published_at", "-id")

    @property
    def card_context(self):
        return {"index_url": self.path}
