"""`manage.py import_wordpress` refusing what it must (XML attacks, a wrong mapping) and its dry run."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError

import pytest

from tests import factories
from tests.test_wordpress_import import run_import, stored_counts
from tests.wordpress_support import SITE, build_export, item_xml, wxr
from wordpress_import.models import ImportedItem

pytestmark = pytest.mark.django_db


class TestDryRun:
    def test_a_dry_run_prints_the_same_report_and_saves_nothing(self, tmp_path, settings):
        settings.MEDIA_ROOT = tmp_path / "media"
        home = factories.create_site_home()
        factories.BlogIndexPageFactory(parent=home)
        get_user_model().objects.create_superuser("dry", "dry@example.org", "password")
        items = [
            item_xml(1, "Only post", slug="only-post", content="<p>Text.</p>"),
            item_xml(
                2,
                "Picture",
                post_type="attachment",
                status="inherit",
                attachment_url=f"{SITE}/wp-content/uploads/2024/03/clinic.png",
            ),
        ]
        path, uploads = build_export(tmp_path)
        path.write_text(wxr(items), encoding="utf-8")
        before = stored_counts()

        dry = run_import(path, uploads, dry_run=True)

        assert stored_counts() == before
        assert not list((tmp_path / "media").rglob("*.png"))  # the image file written was taken away
        real = run_import(path, uploads)
        assert dry.startswith("Dry run: nothing was saved. ")
        strip = lambda text: [line for line in text.splitlines()[1:] if not line.startswith("Finished")]  # noqa: E731
        assert strip(dry) == strip(real)
        assert "Blog posts: 1 created" in real


class TestSafeReading:
    def test_entity_expansion_is_refused(self, tmp_path):
        bomb = tmp_path / "bomb.xml"
        bomb.write_text(
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>&c;</title></channel></rss>'
        )
        with pytest.raises(CommandError, match="refused, the file declares XML entities or a DTD"):
            run_import(bomb)

    def test_external_entities_are_refused(self, tmp_path):
        secret = tmp_path / "secret.txt"
        secret.write_text("database password")
        attack = tmp_path / "attack.xml"
        attack.write_text(
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{secret}">]>'
            "<rss><channel><title>&secret;</title></channel></rss>"
        )
        with pytest.raises(CommandError, match="refused, the file declares XML entities or a DTD"):
            run_import(attack)

    def test_a_file_that_is_not_an_export_is_a_clear_error(self, tmp_path):
        not_xml = tmp_path / "notes.xml"
        not_xml.write_text("just some notes")
        with pytest.raises(CommandError, match="not well-formed XML"):
            run_import(not_xml)
        rss = tmp_path / "feed.xml"
        rss.write_text("<rss><channel><title>A feed</title></channel></rss>")
        with pytest.raises(CommandError, match="not a WordPress export"):
            run_import(rss)

    def test_a_mapping_with_unknown_slugs_is_refused_whole(self, tmp_path):
        mapping = tmp_path / "mapping.yaml"
        mapping.write_text("rules:\n  - {post_type: post, becomes: blogpost}\nterms:\n  poverty: {groups: [poor]}\n")
        path, _ = build_export(tmp_path)
        with pytest.raises(CommandError) as error:
            run_import(path, mapping=str(mapping))
        assert "rule 1: `becomes` must be one of" in str(error.value)
        assert "term poverty: no group has the slug 'poor'" in str(error.value)
        assert ImportedItem.objects.count() == 0
