"""/funders/feed/: an Atom feed of the opportunities matching the same parameters as /funders/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from funders.filters import OpportunitySearch

FEED_LENGTH = 50


class OpportunityFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.search = OpportunitySearch(request.GET, self.index_page)
        return self.search.filterset

    def title(self, filterset):
        description = filterset.description()
        return f"{self.index_page.title}: {description}" if description else self.index_page.title

    def subtitle(self, filterset):
        return "Collaboration opportunities between funders, from the Health Equity Evidence Centre."

    def link(self, filterset):
        query = filterset.url_without("page")
        return self.index_page.get_url(request=self.request) + (query if query != "?" else "")

    def feed_url(self, filterset):
        return self.request.get_full_path()

    def items(self, filterset):
        return self.search.results[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [issue.name for issue in item.issues.all()] + [item.stage_label, item.location_label]
