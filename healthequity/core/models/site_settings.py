"""Site-wide settings editors change in the admin (Settings menu)."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

__all__ = ["FooterLink", "MainMenuLink", "NavigationSettings", "SocialMediaSettings"]


@register_setting(icon="image")
class SocialMediaSettings(BaseSiteSetting):
    default_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="default sharing image",
        help_text=(
            "Shown when a page that has no listing image of its own (the home page, listings, "
            "about pages) is shared on social media. Landscape, at least 1200×630 pixels; give the "
            "image a description, which becomes its alt text."
        ),
    )

    panels = [FieldPanel("default_image")]

    class Meta:
        verbose_name = "social media"


def validate_query(value):
    """A link's filters, as the part of an address after "?": name=value pairs joined by "&"."""
    pairs = [pair for pair in value.split("&") if pair]
    if not all(QUERY_PAIR.fullmatch(pair) for pair in pairs):
        raise ValidationError("Write filters as name=value pairs joined by &, for example type=what-works-brief.")


QUERY_PAIR = re.compile(r"[a-z_]+=[\w.-]+")


class NavigationLink(Orderable):
    """A link to a page of the site, with an optional label and filters (a filtered view of a listing)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=40, blank=True, help_text="Shown in the menu; the page's title if empty.")
    query = models.CharField(
        "filters",
        max_length=200,
        blank=True,
        validators=[validate_query],
        help_text="Optional, to link to a filtered view of a listing: for example type=what-works-brief.",
    )

    panels = [FieldPanel("page"), FieldPanel("label"), FieldPanel("query")]

    class Meta(Orderable.Meta):
        abstract = True

    def url(self, request=None):
        path = self.page.get_url(request) or ""
        return f"{path}?{self.query}" if self.query else path


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The site's main menu and footer links, chosen from the page tree by editors.

    With no main menu links, the menu lists the home page's children that are shown in menus
    ("Show in menus" on their Promote tab).
    """

    panels = [
        InlinePanel("main_links", label="Main menu link", heading="Main menu"),
        InlinePanel("footer_links", label="Footer link", heading="Footer"),
    ]

    class Meta:
        verbose_name = "navigation"


class MainMenuLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="main_links")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")
