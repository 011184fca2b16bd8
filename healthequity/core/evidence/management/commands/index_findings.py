from django.core.management.base import BaseCommand

from healthequity.caching.invalidation import invalidate_all
from healthequity.core.evidence.indexing import index_pages


class Command(BaseCommand):
    help = "Rebuild the findings index from every live, public page (after a deployment or a bulk import)."

    def handle(self, *args, **options):
        written = index_pages()
        invalidate_all("findings index rebuilt")
        self.stdout.write(f"Indexed {written} findings.")
