"""/feeds/: what a feed is and how to follow one, for a person who followed "Subscribe to these
results". The feed itself stays Atom for feed readers; a browser opening it shows raw XML, and
XSLT (which could have styled it) is leaving the browsers."""

from django import forms
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from wagtail.models import Site

__all__ = ["feed_help"]


class FeedAddressForm(forms.Form):
    """The feed to explain: a path on this site ending in /feed/, with its query."""

    feed = forms.CharField(max_length=4000)

    def clean_feed(self):
        feed = self.cleaned_data["feed"]
        path = feed.split("?", 1)[0]
        if not path.startswith("/") or path.startswith("//") or "\\" in feed or not path.endswith("/feed/"):
            raise forms.ValidationError("That is not one of this site's feeds.")
        return feed


@require_GET
def feed_help(request):
    form = FeedAddressForm(request.GET)
    if not form.is_valid():
        raise Http404("That is not one of this site's feeds.")
    feed = form.cleaned_data["feed"]
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    path, _, query = feed.partition("?")
    # The listing the feed follows: /funders/feed/?stage=x is the feed of /funders/?stage=x.
    results_url = path.removesuffix("feed/") + (f"?{query}" if query else "")
    context = {"feed_url": feed, "feed_address": f"{root}{feed}", "results_url": results_url}
    return TemplateResponse(request, "finder/feed_help.html", context)
