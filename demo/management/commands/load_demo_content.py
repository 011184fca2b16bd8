"""`manage.py load_demo_content`: build the demo site; running it again changes nothing."""

import time

from django.core.management.base import BaseCommand

from wagtail.models import Site

from demo.editorial import EditorialDemoLoader
from demo.funders import load_funders_demo
from demo.navigation import load_navigation


class Command(BaseCommand):
    help = (
        "Create the demo page tree (home, resources, What works briefs, blog, Citizens' Panel, library, "
        "about, privacy and accessibility pages), authors, library links and images. Idempotent: only "
        "what is missing is created. With the editorial states: a superseded brief, briefs with DOIs, pages "
        "past their review date, a scheduled post and a draft brief for review. Creates no users."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        loader = EditorialDemoLoader().run()
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        load_funders_demo(home, loader.created, loader.present)
        load_navigation(home, site, loader.created, loader.present)
        for line in loader.summary_lines():
            self.stdout.write(f"  {line}")
        total = sum(loader.created.values())
        message = f"Demo content loaded in {time.perf_counter() - started:.1f}s: {total} objects created."
        self.stdout.write(self.style.SUCCESS(message))
