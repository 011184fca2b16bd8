"""Security headers, cookies, admin login rate limit and upload limits, as a browser would see them."""

import base64
import os
import pickle
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model

import pytest

from tests import factories
from tests.production_support import resource_edit_form

REPO = Path(__file__).resolve().parent.parent
# What production.py decides about HTTPS, cookies and the CSP; the rest of the stack is the same.
PRODUCTION_SECURITY_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
)


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def resource(resource_index):
    return factories.ResourcePageFactory(parent=resource_index, title="Waiting times by deprivation")


@pytest.mark.django_db
def test_public_page_has_a_strict_content_security_policy(client, resource):
    response = client.get(resource.url)
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert "'self'" in policy["script-src"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:"} & set(policy["script-src"])
    assert [value for value in policy["script-src"] if value.startswith("'nonce-")] or policy["script-src"] == [
        "'self'"
    ]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_public_page_has_the_other_security_headers(client, resource):
    response = client.get(resource.url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_error_pages_carry_the_headers_too(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_site_templates_use_no_inline_script_or_style_without_a_nonce(client, resource):
    body = client.get(resource.url).content.decode()
    policy = csp_directives(client.get(resource.url)["Content-Security-Policy"])
    for tag in ("<script", "<style"):
        start = 0
        while (start := body.find(tag, start)) != -1:
            opening = body[start : body.find(">", start)]
            is_data_block = 'type="application/json"' in opening or 'type="application/ld+json"' in opening
            assert "src=" in opening or "nonce=" in opening or is_data_block, opening
            start += len(tag)
    assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.django_db
def test_admin_gets_its_own_policy_and_may_frame_its_previews(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'self'" in policy["frame-src"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_admin_preview_may_be_framed_by_the_admin(admin_client, resource):
    # Wagtail renders a preview by sending a stand-in request for the page's public address
    # through the middleware; the admin must be allowed to frame it, or the preview panel stays blank.
    edit_url = f"/admin/pages/{resource.pk}/edit/"
    form = resource_edit_form(resource, title="Cold homes, a preview")
    assert admin_client.post(f"{edit_url}preview/", form).json()["is_valid"]
    preview = admin_client.get(f"{edit_url}preview/", {"mode": "", "in_preview_panel": "true"})
    assert preview.status_code == 200
    assert b"Cold homes, a preview" in preview.content
    policy = csp_directives(preview["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "private" in preview["Cache-Control"]


@pytest.mark.django_db
def test_no_policy_allows_eval_not_even_the_admins(admin_client, client, resource):
    responses = {
        "visitor": client.get(resource.url),
        "editor on the public page": admin_client.get(resource.url),
        "admin": admin_client.get(f"/admin/pages/{resource.pk}/edit/"),
    }
    for who, response in responses.items():
        assert response.status_code == 200, who
        assert "'unsafe-eval'" not in csp_directives(response["Content-Security-Policy"])["script-src"], who
    assert (
        "'unsafe-inline'"
        not in csp_directives(responses["editor on the public page"]["Content-Security-Policy"])["script-src"]
    )


@pytest.mark.django_db
def test_admin_screens_editors_use_still_load(admin_client, resource):
    for url in (
        "/admin/",
        f"/admin/pages/{resource.pk}/edit/",
        f"/admin/pages/{resource.get_parent().pk}/",
        f"/admin/pages/add/resources/resourcepage/{resource.get_parent().pk}/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/core/topic/",
    ):
        assert admin_client.get(url).status_code == 200, url
    preview = admin_client.post(f"/admin/pages/{resource.pk}/edit/preview/", {})
    assert preview.status_code == 200


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_httponly_and_samesite(client, django_user_model, home_page):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    login_page = client.get("/admin/login/")
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["httponly"]
    assert csrf_cookie["samesite"] == "Lax"
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct horse battery"}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_admin_login_is_locked_after_repeated_failures(client, django_user_model, home_page):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "editor", "password": "guess"})
        assert response.status_code == 200  # the form again, with its error
    locked = client.post("/admin/login/", {"username": "editor", "password": "guess"})
    assert locked.status_code == 429
    assert b"Too many sign-in attempts" in locked.content
    # Even the right password is refused during the lock-out.
    refused = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery"})
    assert refused.status_code == 429
    # Another username from the same address is not locked out.
    other = client.post("/admin/login/", {"username": "someone-else", "password": "guess"})
    assert other.status_code == 200


@pytest.mark.django_db
def test_documents_of_unlisted_types_are_refused(admin_client, home_page):
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    response = admin_client.post("/admin/documents/multiple/add/", {"files[]": upload})
    assert response.json()["success"] is False
    assert "html" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def png_bytes(width=200, height=200) -> bytes:
    import io
    import random

    from PIL import Image

    noise = random.Random(1).randbytes(width * height * 3)  # noise: PNG cannot compress it away
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), noise).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_images_over_the_size_limit_or_of_unlisted_types_are_refused(admin_client, settings, home_page):
    from wagtail.images import get_image_model

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024
    too_big = SimpleUploadedFile("chart.png", png_bytes(200, 200), content_type="image/png")
    assert too_big.size > 50 * 1024
    response = admin_client.post("/admin/images/multiple/add/", {"files[]": too_big})
    assert response.json()["success"] is False
    assert "too big" in response.json()["error_message"]
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    response = admin_client.post("/admin/images/multiple/add/", {"files[]": svg})
    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()
    small = SimpleUploadedFile("chart.png", png_bytes(20, 20), content_type="image/png")
    assert admin_client.post("/admin/images/multiple/add/", {"files[]": small}).json()["success"] is True


@pytest.mark.django_db
def test_images_with_too_many_pixels_are_refused(admin_client, settings, home_page):
    from wagtail.images import get_image_model

    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    upload = SimpleUploadedFile("wide.png", png_bytes(200, 100), content_type="image/png")
    response = admin_client.post("/admin/images/multiple/add/", {"files[]": upload})
    assert response.json()["success"] is False
    assert "pixels" in response.json()["error_message"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_documents_over_the_size_limit_are_refused(admin_client, settings, home_page):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    too_big = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * 4096, content_type="application/pdf")
    response = admin_client.post("/admin/documents/multiple/add/", {"files[]": too_big})
    assert response.json()["success"] is False
    assert "too big" in response.json()["error_message"]
    assert not get_document_model().objects.exists()
    small = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    assert admin_client.post("/admin/documents/multiple/add/", {"files[]": small}).json()["success"] is True


@pytest.mark.django_db
def test_request_bodies_over_the_limit_are_refused(client, settings, home_page):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/admin/login/", {"username": "x" * 4096, "password": "y"})
    assert response.status_code == 400


def test_upload_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS


# The same, with the values production.py computes from a minimal production environment.


@pytest.fixture(scope="module")
def production_security_settings():
    """Load healthequity.settings.production in a process of its own and bring back its security
    settings (its module cannot be imported into this one, which runs the test settings)."""
    code = (
        "import base64, pickle, django; django.setup(); from django.conf import settings; "
        f"values = {{n: getattr(settings, n) for n in {PRODUCTION_SECURITY_SETTINGS!r}}}; "
        "print(base64.b64encode(pickle.dumps(values)).decode())"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "SECURE_", "CSP_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="healthequity.settings.production",
        SECRET_KEY="production-headers-test-" + "k" * 40,
        ALLOWED_HOSTS="testserver",
        WAGTAILADMIN_BASE_URL="http://testserver",
        DATABASE_URL="sqlite:///unused.sqlite3",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return pickle.loads(base64.b64decode(result.stdout.split()[-1]))  # noqa: S301 - our own subprocess


@pytest.fixture
def as_in_production(settings, production_security_settings):
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    return production_security_settings


@pytest.mark.django_db
def test_production_answers_with_hsts_for_two_years_and_upgrades_insecure_requests(as_in_production, client, resource):
    response = client.get(resource.url, secure=True)
    assert response.status_code == 200
    hsts = dict(
        part.strip().partition("=")[::2] for part in response["Strict-Transport-Security"].split(";") if part.strip()
    )
    assert int(hsts["max-age"]) >= 15_768_000  # at least six months
    assert {"includeSubDomains", "preload"} <= set(hsts)
    policy = csp_directives(response["Content-Security-Policy"])
    assert "upgrade-insecure-requests" in policy
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(policy["script-src"])
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_production_sends_plain_http_to_https_except_the_health_check(as_in_production, client, resource):
    redirected = client.get(resource.url)
    assert redirected.status_code == 301
    assert redirected["Location"] == f"https://testserver{resource.url}"
    # Behind the TLS proxy, which says so in X-Forwarded-Proto, the page is served.
    assert client.get(resource.url, HTTP_X_FORWARDED_PROTO="https").status_code == 200
    # Load balancers check health over plain HTTP on the private network.
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_production_cookies_are_secure_httponly_and_samesite(as_in_production, client, django_user_model, home_page):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    csrf_cookie = client.get("/admin/login/", secure=True).cookies["csrftoken"]
    signed_in = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery"}, secure=True)
    assert signed_in.status_code == 302
    session_cookie = signed_in.cookies["sessionid"]
    for cookie in (csrf_cookie, session_cookie):
        assert cookie["secure"]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
