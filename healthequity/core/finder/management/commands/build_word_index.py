from django.core.management.base import BaseCommand

from healthequity.caching.invalidation import invalidate_all
from healthequity.core.finder.word_index import build_word_index


class Command(BaseCommand):
    help = (
        "Rebuild the finder's search word index from the search index's entries (PostgreSQL; after a "
        "deployment that changes it, or `update_index`)."
    )

    def handle(self, *args, **options):
        words = build_word_index()
        if words is None:
            self.stdout.write("The search word index is for PostgreSQL: this database searches in SQL.")
            return
        invalidate_all("search word index rebuilt")
        self.stdout.write(f"Indexed {words:,} words of the evidence pages.")
