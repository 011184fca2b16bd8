"""WordPress's own short addresses (`/?p=12`, `/?page_id=7`, `/?attachment_id=9`), through Wagtail's redirects.

Those addresses land on the home page, which answers 200, and Wagtail's RedirectMiddleware acts on
404s only; it also misses `/?p=12&utm_source=…`, whose whole query is not the stored one. So this
looks the stored redirect up for that one parameter before any page is served. The redirects are
ordinary Wagtail redirects, managed under Settings → Redirects like any other.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

__all__ = ["WORDPRESS_PARAMETERS", "WordPressAddressMiddleware"]

WORDPRESS_PARAMETERS = ("p", "page_id", "attachment_id")


class WordPressAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"GET", "HEAD"} and any(name in request.GET for name in WORDPRESS_PARAMETERS):
            for name in WORDPRESS_PARAMETERS:
                value = request.GET.get(name, "")
                if not (value.isascii() and value.isdigit()):
                    continue
                redirect = get_redirect(request, Redirect.normalise_path(f"{request.path}?{name}={value}"))
                if redirect is not None and redirect.link:
                    response_class = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                    return response_class(redirect.link)
        return self.get_response(request)
