from django.core.management.base import BaseCommand

from healthequity.core.finder.search_counts import flush_search_counts


class Command(BaseCommand):
    help = "Write the searches counted in the cache to the admin's search reports (run every few minutes)."

    def handle(self, *args, **options):
        written = flush_search_counts()
        self.stdout.write(f"Wrote the counts of {written:,} distinct searches.")
