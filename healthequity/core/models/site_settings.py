"""Site-wide settings editors change in the admin (Settings menu)."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

__all__ = ["SocialMediaSettings"]


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
