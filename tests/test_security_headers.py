"""Security headers, cookies, admin login rate limit and upload limits, as a browser would see them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model

import pytest

from tests import factories


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
def test_editors_on_public_pages_may_run_the_user_bar_checker_but_visitors_never(admin_client, client, resource):
    editor_policy = csp_directives(admin_client.get(resource.url)["Content-Security-Policy"])
    assert "'unsafe-eval'" in editor_policy["script-src"]
    assert "'unsafe-inline'" not in editor_policy["script-src"]
    visitor_policy = csp_directives(client.get(resource.url)["Content-Security-Policy"])
    assert "'unsafe-eval'" not in visitor_policy["script-src"]


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
