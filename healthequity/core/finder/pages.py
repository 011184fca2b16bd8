"""Pages whose listing is the finder: any index of evidence, and the site-wide finder with the
landing page of every inequality group and topic."""

from django.http import Http404, QueryDict

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from healthequity.core.alerts.signup import alert_signup_path

from .facet_index import LIVE_KEY, parent_key
from .facets import TOPIC_SECTION_HEADINGS
from .finder import EvidenceFinder
from .location import finder_url, group_page_url, topic_page_url
from .scopes import live_public_evidence
from .search_counts import count_search
from .vocabulary import Vocabulary

__all__ = ["FinderPageMixin", "SiteFinderPageMixin"]


class FinderPageMixin:
    """An index page whose listing is the evidence finder, limited to `get_finder_scope()`."""

    finder_class = EvidenceFinder
    per_page = 9
    # Which facets the listing shows and counts (None: all of the finder's).
    finder_facets: tuple[str, ...] | None = None
    # The content types this listing holds, so its feed link can say so.
    finder_feed_types: tuple[str, ...] = ()

    def get_finder_scope(self):
        return live_public_evidence().child_of(self)

    def get_finder_cache_scope(self):
        return f"children-of-{self.pk}"

    def get_finder_index_scope(self):
        """The facet index keys of this listing's pages (see counting)."""
        return (LIVE_KEY, parent_key(self.path))

    def get_finder(self, request):
        finder = self.finder_class(
            request.GET,
            self.get_finder_scope(),
            request=request,
            cache_scope=self.get_finder_cache_scope(),
            index_scope=self.get_finder_index_scope(),
            path=self.get_url(request) or "",
            facets=self.finder_facets,
            per_page=self.per_page,
        )
        finder.feed_types = self.finder_feed_types
        return finder

    def alert_finder(self, data):
        """The finder over this listing for an email alert's query (no request: the worker runs it)."""
        return self.finder_class(
            data,
            self.get_finder_scope(),
            cache_scope=self.get_finder_cache_scope(),
            path=self.get_url() or "",
            facets=self.finder_facets,
        )

    def get_context(self, request, *args, include_finder=True, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if include_finder:
            finder = self.get_finder(request)
            context.update(finder.get_context())
            if finder.applied["q"] and finder.filterset.page_number == 1 and not finder.problems:
                count_search(finder.applied["q"], found=bool(finder.total))
        return context


class SiteFinderPageMixin(RoutablePageMixin, FinderPageMixin):
    """The finder over every kind of evidence on the site (/resources/), and the landing page of each
    inequality group and topic (/resources/groups/<slug>/, /resources/topics/<slug>/).

    Tags everywhere link here (see location): a site has one page of a type built on this.
    """

    is_site_finder = True
    # How many of the latest items a group or topic page shows.
    latest_on_term_page = 6

    def get_finder_scope(self):
        return live_public_evidence()

    def get_finder_cache_scope(self):
        return "all"  # the same scope as the feed and the JSON, which share its counts

    def get_finder_index_scope(self):
        return (LIVE_KEY,)

    def term_finder(self, request, name=None, slug=None, facets=()):
        """The finder's own machinery (filters, cached counts), filtered to one group or topic."""
        query = QueryDict(mutable=True)
        if name:
            query[name] = slug
        return self.finder_class(
            query,
            self.get_finder_scope(),
            request=request,
            path=self.get_url(request) or "",
            facets=facets,
            per_page=self.latest_on_term_page,
        )

    def render_term_page(self, request, template, context):
        return self.render(request, include_finder=False, template=template, context_overrides=context)

    @path("groups/", name="groups")
    def group_index(self, request):
        finder = self.term_finder(request, facets=("group",))
        vocabulary, counts = finder.vocabulary, finder.counts["group"]
        groups = [
            {
                "group": group,
                "count": counts.get(group.slug, 0),
                "url": group_page_url(group, request),
                "subgroups": [
                    {"group": child, "count": counts.get(child.slug, 0), "url": group_page_url(child, request)}
                    for child in vocabulary.subgroups[group.pk]
                ],
            }
            for group in vocabulary.groups
            if not group.parent_id
        ]
        return self.render_term_page(request, "finder/group_index_page.html", {"groups": groups})

    @path("groups/<slug:slug>/", name="group")
    def group_page(self, request, slug):
        # The group facet leaves out the group filter, so it counts every group's pages; the topic
        # facet counts topics within this group.
        finder = self.term_finder(request, "group", slug, facets=("group", "topic"))
        vocabulary = finder.vocabulary
        group = vocabulary.groups_by_slug.get(slug)
        if group is None:
            raise Http404("No inequality group has that address.")
        group_counts = finder.counts["group"]
        parent = vocabulary.groups_by_pk.get(group.parent_id)
        context = {
            "group": group,
            "parent": parent,
            "parent_url": parent and group_page_url(parent, request),
            "subgroups": [
                {"group": child, "count": group_counts.get(child.slug, 0), "url": group_page_url(child, request)}
                for child in vocabulary.subgroups.get(group.pk, [])
            ],
            "related_topics": self.related_terms(
                request, vocabulary.topics, finder.counts["topic"], "topic", ("group", slug)
            ),
            **self.term_listing_context(request, finder, ("group", slug)),
        }
        return self.render_term_page(request, "finder/group_page.html", context)

    @path("topics/", name="topics")
    def topic_index(self, request):
        finder = self.term_finder(request, facets=("topic",))
        counts = finder.counts["topic"]
        sections = [
            {
                "heading": heading,
                "topics": [
                    {"topic": topic, "count": counts.get(topic.slug, 0), "url": topic_page_url(topic, request)}
                    for topic in finder.vocabulary.topics
                    if topic.kind == kind
                ],
            }
            for kind, heading in TOPIC_SECTION_HEADINGS.items()
        ]
        sections = [section for section in sections if section["topics"]]
        return self.render_term_page(request, "finder/topic_index_page.html", {"sections": sections})

    @path("topics/<slug:slug>/", name="topic")
    def topic_page(self, request, slug):
        finder = self.term_finder(request, "topic", slug, facets=("group",))
        topic = finder.vocabulary.topics_by_slug.get(slug)
        if topic is None:
            raise Http404("No topic has that address.")
        top_level = [group for group in finder.vocabulary.groups if not group.parent_id]
        context = {
            "topic": topic,
            "related_groups": self.related_terms(request, top_level, finder.counts["group"], "group", ("topic", slug)),
            **self.term_listing_context(request, finder, ("topic", slug)),
        }
        return self.render_term_page(request, "finder/topic_page.html", context)

    def term_listing_context(self, request, finder, param):
        return {
            "latest": finder.page.object_list,
            "total": finder.total,
            "finder_url": finder_url([param], request),
            "feed_url": finder.feed_url,
            "feed_title": finder.feed_title,
            "alert_url": alert_signup_path(self, params=[param]),
        }

    def related_terms(self, request, terms, counts, name, param):
        """The other vocabulary's terms that occur with this one, most frequent first, each linking
        to the finder filtered by both."""
        related = [
            {"term": term, "count": counts[term.slug], "url": finder_url([param, (name, term.slug)], request)}
            for term in terms
            if counts.get(term.slug)
        ]
        return sorted(related, key=lambda item: -item["count"])

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            vocabulary = Vocabulary.load()
            routes = [self.reverse_subpage("groups"), self.reverse_subpage("topics")]
            routes += [self.reverse_subpage("group", kwargs={"slug": group.slug}) for group in vocabulary.groups]
            routes += [self.reverse_subpage("topic", kwargs={"slug": topic.slug}) for topic in vocabulary.topics]
            urls += [{"location": f"{base}{route}"} for route in routes]
        return urls
