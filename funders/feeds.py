"""/funders/feed/: an Atom feed of the opportunities matching the same parameters as /funders/."""

from healthequity.core.finder.feeds import FinderFeed

from .filters import OpportunityFinder

__all__ = ["OpportunityFeed"]


class OpportunityFeed(FinderFeed):
    feed_length = 50

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_finder(self, request, **kwargs):
        return OpportunityFinder(request.GET, self.index_page, request=request, **kwargs)

    def title(self, finder):
        description = finder.description
        return f"{self.index_page.title}: {description}" if description else self.index_page.title

    def subtitle(self, finder):
        return "Collaboration opportunities between funders, from the Health Equity Evidence Centre."

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [issue.name for issue in item.issues.all()] + [item.stage_label, item.location_label]
