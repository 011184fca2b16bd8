"""`manage.py import_wordpress EXPORT.xml [--uploads DIR] [--mapping FILE] [--dry-run]`."""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from wordpress_import.importer import WordPressImporter
from wordpress_import.mapping import DEFAULT_MAPPING, read_mapping
from wordpress_import.wxr import read_export


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export, all content) with its uploads: posts, pages, media, "
        "authors and library links, each old address redirected to its new page. Safe to run again: "
        "what was imported is updated, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="EXPORT.xml", help="The WordPress export file (WXR).")
        parser.add_argument(
            "--uploads", metavar="DIR", help="A copy of the old site's wp-content/uploads folder (images, files)."
        )
        parser.add_argument(
            "--mapping", metavar="FILE", help=f"What becomes what (YAML). Default: {DEFAULT_MAPPING.name}, shipped."
        )
        parser.add_argument("--user", metavar="USERNAME", help="Whose revisions these are (default: a superuser).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything and print the report, then roll it all back."
        )

    def handle(self, *args, export, uploads, mapping, user, dry_run, **options):
        started = time.monotonic()
        wordpress = read_export(export)
        mapping = read_mapping(mapping)
        importing_user = self.importing_user(user)
        if uploads is None:
            self.stderr.write("No --uploads folder: images and files are reported, not imported.")

        def progress(items, **kwargs):
            # tqdm draws a bar only on a terminal, so logs stay clean.
            return tqdm(items, file=sys.stderr, disable=None, **kwargs)

        importer = WordPressImporter(
            wordpress, mapping, uploads=uploads, user=importing_user, dry_run=dry_run, progress=progress
        )
        report = importer.run()
        heading = "Dry run: nothing was saved. " if dry_run else ""
        self.stdout.write(f"{heading}{wordpress.site_url}: {len(wordpress.items)} items in the export.")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Finished in {time.monotonic() - started:.1f} s."))

    @staticmethod
    def importing_user(username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            found = users.filter(username=username).first()
            if found is None:
                raise CommandError(f"No active user {username!r}.")
            return found
        found = users.filter(is_superuser=True).order_by("pk").first()
        if found is None:
            raise CommandError("No superuser to import as: create one, or name a user with --user.")
        return found
