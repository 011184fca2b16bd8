"""The demo site's menus and the home page's Explore list, as site.yaml describes them.

Run after every section exists (the funders' hub included). An editor's own menus are kept: the
menus are filled only while empty, and the home page only while it has no Explore list.
"""

from healthequity.core.models import FooterLink, HomeExploreLink, MainMenuLink, NavigationSettings

from .values import read

__all__ = ["load_navigation"]


def load_navigation(home, site, created, present):
    data = read("site")["navigation"]
    sections = {page.slug: page for page in home.get_children().live()}

    def links(model, specs, **extra):
        return [
            model(page=sections[spec["page"]], label=spec["label"], query=spec.get("query", ""), **extra)
            for spec in specs
            if spec["page"] in sections
        ]

    menus = NavigationSettings.for_site(site)
    if menus.main_links.exists():
        present["Navigation"] += 1
    else:
        menus.main_links = links(MainMenuLink, data["main"])
        menus.footer_links = links(FooterLink, data["footer"])
        menus.save()
        created["Navigation"] += 1

    if home.explore_links.exists():
        present["Home page links"] += 1
    else:
        home.explore_links = [
            HomeExploreLink(
                page=sections[spec["page"]],
                label=spec["label"],
                query=spec.get("query", ""),
                description=spec["description"],
            )
            for spec in data["explore"]
            if spec["page"] in sections
        ]
        home.about_page = sections.get(data["about_page"])
        # Part of the home page's first version, as if it had been written with it: one revision.
        home.save_revision(overwrite_revision=home.latest_revision).publish()
        created["Home page links"] += 1
