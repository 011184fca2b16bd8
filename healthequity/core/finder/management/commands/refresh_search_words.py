from django.core.management.base import BaseCommand

from healthequity.core.finder.words import rebuild_search_words


class Command(BaseCommand):
    help = "Rebuild the vocabulary 'Did you mean' suggests from (the words of the live evidence pages)."

    def handle(self, *args, **options):
        size = rebuild_search_words()
        self.stdout.write(f"The search vocabulary holds {size:,} words.")
