"""`manage.py seed_benchmark_content --resources N`: synthetic evidence for benchmarks."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from demo.seeding import seed_evidence


class Command(BaseCommand):
    help = (
        "Add N synthetic, realistically tagged evidence pages (resources, What works briefs, blog and panel "
        "posts) for benchmarking the finder. Creates the resources page if the site has none."
    )

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, required=True, metavar="N", help="How many pages to add.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable content.")
        parser.add_argument("--batch-size", type=int, default=500, help="Pages written per batch (default 500).")
        parser.add_argument(
            "--findings-per-brief",
            type=int,
            default=None,
            metavar="F",
            help="Rated findings in each What works brief (default: 3 to 6 at random).",
        )

    def handle(self, *args, resources, seed, batch_size, findings_per_brief, **options):
        if resources < 1:
            raise CommandError("--resources must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        # tqdm draws a bar only on a terminal, so logs and CI output stay clean.
        with tqdm(total=resources, unit="page", file=sys.stderr, disable=None) as bar:
            added = seed_evidence(
                resources,
                seed=seed,
                batch_size=batch_size,
                progress=bar.update,
                findings_per_brief=findings_per_brief,
            )
        elapsed = time.monotonic() - started
        detail = ", ".join(f"{count:,} {name}" for name, count in sorted(added.items()))
        self.stdout.write(self.style.SUCCESS(f"Added {resources:,} pages in {elapsed:.1f} s ({detail})."))
