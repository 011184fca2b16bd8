from django.core.management.base import BaseCommand

from healthequity.caching.invalidation import invalidate_all
from healthequity.core.finder.facet_index import build_index


class Command(BaseCommand):
    help = (
        "Rebuild the finder's facet index from every live, public evidence page (after a deployment that "
        "changes it, or a bulk import that wrote pages without publishing them)."
    )

    def handle(self, *args, **options):
        pages = build_index()
        invalidate_all("facet index rebuilt")
        self.stdout.write(f"Indexed the facets of {pages or 0:,} live pages.")
