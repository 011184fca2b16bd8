"""The menus come from the page tree and the Navigation setting, never from addresses in templates."""

import re

from django.core.exceptions import ValidationError

import pytest

from healthequity.core.models import FooterLink, MainMenuLink, NavigationSettings
from tests import factories

NAV_LINK = re.compile(r'<a href="([^"]*)"( aria-current="(\w+)")?>([^<]*)</a>')


def menu(html, name):
    start = html.index(f'aria-label="{name}"')
    return [
        (href, current, label)
        for href, _, current, label in NAV_LINK.findall(html[start : html.index("</nav>", start)])
    ]


@pytest.fixture
def sections(home_page, resource_index, blog_index, library_page):
    about = factories.StandardPageFactory(parent=home_page, title="About us", slug="about")
    return {"resources": resource_index, "blog": blog_index, "library": library_page, "about": about}


@pytest.fixture
def menus(sections, home_page):
    settings = NavigationSettings.for_site(home_page.get_site())
    settings.main_links = [
        MainMenuLink(page=sections["resources"], label="Resources"),
        MainMenuLink(page=sections["resources"], label="What works", query="type=what-works-brief"),
        MainMenuLink(page=sections["blog"]),
        MainMenuLink(page=sections["about"], label="About"),
    ]
    settings.footer_links = [FooterLink(page=sections["about"])]
    settings.save()
    return settings


@pytest.mark.django_db
def test_the_main_menu_follows_the_setting_and_marks_where_the_visitor_is(client, menus):
    assert menu(client.get("/").content.decode(), "Main") == [
        ("/resources/", "", "Resources"),
        ("/resources/?type=what-works-brief", "", "What works"),
        ("/blog/", "", "Blog"),
        ("/about/", "", "About"),
    ]
    briefs = menu(client.get("/resources/?type=what-works-brief&group=core20").content.decode(), "Main")
    assert [current for _, current, _ in briefs] == ["", "page", "", ""]
    everything = menu(client.get("/resources/").content.decode(), "Main")
    assert [current for _, current, _ in everything] == ["page", "", "", ""]
    group_page = menu(client.get("/resources/groups/core20/").content.decode(), "Main")
    assert [current for _, current, _ in group_page] == ["true", "", "", ""]


@pytest.mark.django_db
def test_the_footer_follows_the_setting_and_always_offers_the_sitemap(client, menus):
    assert menu(client.get("/blog/").content.decode(), "Footer") == [
        ("/about/", "", "About us"),
        ("/sitemap.xml", "", "Sitemap"),
    ]


@pytest.mark.django_db
def test_a_renamed_or_unpublished_section_changes_the_menu_at_once(
    client, menus, sections, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        blog = sections["blog"]
        blog.slug = "views"
        blog.save_revision().publish()
        sections["about"].unpublish()
    links = menu(client.get("/").content.decode(), "Main")
    assert ("/views/", "", "Blog") in links
    assert all(label != "About" for _, _, label in links)


@pytest.mark.django_db
def test_without_a_menu_setting_the_sections_shown_in_menus_are_listed(client, sections):
    links = menu(client.get("/").content.decode(), "Main")
    assert links == [("/resources/", "", "Resources"), ("/blog/", "", "Blog"), ("/library/", "", "Library")]


@pytest.mark.django_db
def test_a_menu_link_takes_only_filters_written_as_name_value_pairs(sections):
    link = MainMenuLink(page=sections["resources"], query="type=report&group=core20")
    link.full_clean(exclude=["setting"])
    for query in ("javascript:alert(1)", "type=report&<script>", "/resources/"):
        with pytest.raises(ValidationError):
            MainMenuLink(page=sections["resources"], query=query).full_clean(exclude=["setting"])
