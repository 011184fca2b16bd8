"""What each WordPress item became, so a second import updates instead of duplicating."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress post, page or attachment, keyed by its site and post ID (`wp:post_id`)."""

    site_url = models.CharField(max_length=255, help_text="The WordPress site's address, from the export.")
    wordpress_id = models.PositiveBigIntegerField("WordPress post ID")
    post_type = models.CharField(max_length=40)
    became = models.CharField(max_length=40, help_text="What the mapping made of it.")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The revision the import wrote last: a newer one means an editor has changed the page since,
    # and a later import leaves it alone.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True, help_text="Of what the import wrote last.")
    needs_review = models.TextField(blank=True, help_text="Why an editor should look at what was imported.")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site_url", "wordpress_id"], name="unique_wordpress_item_per_site")
        ]
        verbose_name = "imported WordPress item"

    def __str__(self):
        return f"{self.post_type} {self.wordpress_id} from {self.site_url}"
