import re

from django.apps import apps
from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from healthequity.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own document URLs, which still name the view for document.url.
    re_path(r"^documents/(\d+)/(.*)$", core_views.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("healthequity.core.finder.urls")),
    path("alerts/", include("healthequity.core.alerts.urls")),
    # django-anymail's tracking webhooks (bounces, complaints): /anymail/<provider>/tracking/.
    path("anymail/", include("anymail.urls")),
]

# "Something not right?" reports about any page, while the feedback app is installed.
if apps.is_installed("feedback"):
    urlpatterns.append(path("", include("feedback.urls")))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploads (images, documents' files) from MEDIA_ROOT: in development, and under `make serve`, which
# has no web server in front. In production the proxy or object storage serves them.
if (settings.DEBUG or settings.SERVE_MEDIA) and settings.MEDIA_URL.startswith("/"):
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(
        re_path(rf"^{re.escape(media_prefix)}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Database outages outside a view become the 503 "try again" page (see core.views.server_error).
handler500 = "healthequity.core.views.server_error"

# Wagtail serves every other address from the page tree; keep this last.
urlpatterns += [path("", include(wagtail_urls))]
