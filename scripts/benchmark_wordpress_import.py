#!/usr/bin/env python
"""Time `manage.py import_wordpress` on a generated export: N posts with M images (a real WXR file
and an uploads folder of JPEGs), into a fresh database holding the demo site.

It writes the export with the builders the tests use (tests/wordpress_support.py), then, in one
process per database, migrates, loads the demo site, and times three runs: a dry run, the import,
and the same import again (nothing to change).

    .venv/bin/python scripts/benchmark_wordpress_import.py          # 1,000 posts, 500 images; SQLite and PostgreSQL
    .venv/bin/python scripts/benchmark_wordpress_import.py --posts 200 --images 100 \
        --database-url sqlite:////tmp/wp.sqlite3
"""

import argparse
import datetime
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
DEFAULT_DATABASES = [
    f"sqlite:///{Path(tempfile.gettempdir()) / 'healthequity-wordpress-benchmark.sqlite3'}",
    "postgres://postgres@127.0.0.1:5432/healthequity_wordpress_benchmark",
]
CATEGORIES = [
    ("blog", "Blog"),
    ("citizens-panel", "Citizens' Panel"),
    ("what-works", "What works"),
    ("resources", "Resources"),
    ("homelessness", "Homelessness"),
    ("deprivation", "Deprivation"),
    ("ethnicity", "Ethnicity"),
]
TAGS = [("maternity", "Maternity"), ("hypertension", "Hypertension"), ("primary-care", "Primary care")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="Posts in the export (1,000).")
    parser.add_argument("--images", type=int, default=500, help="Images in the uploads folder (500).")
    parser.add_argument(
        "--database-url", action="append", help="A database (repeatable). Default: SQLite and PostgreSQL."
    )
    parser.add_argument(
        "--skip-dry-run", action="store_true", help="Time only the import and the re-run (a busy machine)."
    )
    parser.add_argument("--child", metavar="FOLDER", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return run_import(Path(options.child), options.skip_dry_run)

    folder = Path(tempfile.mkdtemp(prefix="wordpress-benchmark-"))
    started = time.monotonic()
    size = write_export(folder, options.posts, options.images)
    print(
        f"Export: {options.posts:,} posts, {options.images:,} images ({size / 1e6:.1f} MB of XML, "
        f"{sum(f.stat().st_size for f in (folder / 'uploads').rglob('*.jpg')) / 1e6:.1f} MB of images), "
        f"written in {time.monotonic() - started:.1f} s to {folder}"
    )
    failures = 0
    for url in options.database_url or DEFAULT_DATABASES:
        env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="healthequity.settings.test")
        args = [sys.executable, __file__, "--child", str(folder)] + (["--skip-dry-run"] if options.skip_dry_run else [])
        failures += subprocess.call(args, env=env, cwd=PROJECT_DIR)
    return 1 if failures else 0


def write_export(folder, posts, images):
    from PIL import Image, ImageDraw

    from tests.wordpress_support import TERMS, attachment_xml, item_xml, wxr

    randomness = random.Random(18)
    (folder / "uploads" / "2024" / "06").mkdir(parents=True)
    items = []
    for number in range(1, images + 1):
        picture = Image.new("RGB", (1200, 800), (randomness.randrange(256), 120, randomness.randrange(256)))
        draw = ImageDraw.Draw(picture)
        for _ in range(12):
            x, y = randomness.randrange(1100), randomness.randrange(700)
            draw.ellipse((x, y, x + 100, y + 100), fill=(randomness.randrange(256), 200, 90))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
        relative = f"2024/06/picture-{number}.jpg"
        (folder / "uploads" / relative).write_bytes(buffer.getvalue())
        items.append(attachment_xml(100_000 + number, f"Picture {number}", relative, alt=f"Photograph number {number}"))
    start = datetime.datetime(2019, 1, 1, 9, 0)
    for number in range(1, posts + 1):
        category = CATEGORIES[number % 4]
        image_id = 100_000 + (number % images) + 1 if images and number % 2 else None
        figure = (
            f'<!-- wp:image {{"id":{image_id}}} --><figure class="wp-block-image"><img src="https://evidence-centre'
            f'.example.org/wp-content/uploads/2024/06/picture-{image_id - 100_000}-1024x683.jpg" alt="" '
            f'class="wp-image-{image_id}"/><figcaption>Figure for post {number}</figcaption></figure><!-- /wp:image -->'
            if image_id
            else ""
        )
        content = (
            f"<!-- wp:paragraph --><p>Post {number} opens with what we found about access to care &amp; "
            f"how it differs between areas.</p><!-- /wp:paragraph -->"
            f"<!-- wp:heading --><h2>Key messages</h2><!-- /wp:heading -->"
            f"<!-- wp:list --><ul><li>Outreach works.</li><li>Waiting lists are longer in deprived areas.</li></ul>"
            f"<!-- /wp:list -->{figure}"
            + "".join(
                f"<!-- wp:paragraph --><p>Paragraph {paragraph} of post {number}: evidence, caveats and "
                f'<a href="https://www.example.org/source-{paragraph}">a source</a>.</p><!-- /wp:paragraph -->'
                for paragraph in range(6)
            )
        )
        items.append(
            item_xml(
                number,
                f"Benchmark post {number}",
                slug=f"benchmark-post-{number}",
                content=content,
                date=start + datetime.timedelta(days=number),
                categories=[category, CATEGORIES[4 + number % 3]],
                tags=[TAGS[number % 3]],
                meta=[("_thumbnail_id", image_id)] if image_id else [],
            )
        )
    path = folder / "export.xml"
    path.write_text(wxr(items, terms=TERMS), encoding="utf-8")
    return path.stat().st_size


def run_import(folder, skip_dry_run=False):
    import django

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        recreate_postgres_database(url)
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.MEDIA_ROOT = folder / "media"
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    get_user_model().objects.create_superuser("benchmark", "benchmark@example.org", "benchmark")
    print(f"\n{url.split('@')[-1]}:")
    runs = [("dry run", {"dry_run": True}), ("import", {}), ("again (no changes)", {})]
    for label, options in runs[1:] if skip_dry_run else runs:
        output = io.StringIO()
        started = time.monotonic()
        export, uploads = str(folder / "export.xml"), str(folder / "uploads")
        call_command("import_wordpress", export, uploads=uploads, stdout=output, **options)
        elapsed = time.monotonic() - started
        totals = next(line for line in output.getvalue().splitlines() if line.startswith("Total:"))
        print(f"  {label:<20} {elapsed:7.1f} s   {totals}")
    return 0


def recreate_postgres_database(url):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


if __name__ == "__main__":
    sys.exit(main())
