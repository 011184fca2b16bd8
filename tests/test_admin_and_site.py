"""The admin loads for an editor; the site-wide addresses answer as other tools expect."""

import json

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "password")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    return user


@pytest.mark.django_db
def test_admin_dashboard_loads_for_an_editor(client, editor, home_page):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"Health Equity Evidence Centre" in response.content


@pytest.mark.django_db
def test_admin_snippet_listings_load_for_a_superuser(admin_client, home_page):
    for url in (
        "/admin/snippets/core/inequalitygroup/",
        "/admin/snippets/core/topic/",
        "/admin/snippets/library/librarylink/",
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_health_check_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client, home_page):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_unknown_address_gets_the_styled_not_found_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.django_db
def test_demo_admin_is_refused_outside_the_dev_settings():
    with pytest.raises(CommandError):
        call_command("ensure_demo_admin")
