#!/usr/bin/env python
"""Benchmark one daily digest run of the email alerts: N subscribers across V different filtered
views of the finder, with P pages published for the first time since the last digest.

It migrates a database of its own (SQLite by default; --database-url for PostgreSQL: an empty
database), seeds the subscribers and their confirmed daily alerts in bulk, publishes the new pages
through Wagtail (so the alerts' signal handler notes each as a first publication, the record the
matching reads), then times, in this process, the two background tasks a digest involves: matching
the new pages against every view, and composing and sending the digests (Django's in-memory email
backend counts what would go out). Prints time, queries, emails.

    .venv/bin/python scripts/benchmark_alerts.py
    .venv/bin/python scripts/benchmark_alerts.py --subscribers 2000 --views 100 --pages 20
    .venv/bin/python scripts/benchmark_alerts.py --database-url postgres://postgres@127.0.0.1:5432/he_alerts_bench
"""

import argparse
import contextlib
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{Path(tempfile.mkdtemp()) / 'alerts-benchmark.sqlite3'}")
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--views", type=int, default=500)
    parser.add_argument("--pages", type=int, default=50)
    options = parser.parse_args()

    os.environ["DATABASE_URL"] = options.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "healthequity.settings.test"
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    run(options)


def views(count, groups, topics, types):
    """`count` distinct filtered views of the site-wide finder: one or two facets, some with dates."""
    combinations = [f"group={group}" for group in groups] + [f"topic={topic}" for topic in topics]
    combinations += [f"group={group}&topic={topic}" for group in groups for topic in topics]
    combinations += [f"type={kind}&group={group}" for kind in types for group in groups]
    combinations += [f"type={kind}&topic={topic}" for kind in types for topic in topics]
    combinations += [
        f"type={kind}&group={group}&topic={topic}" for kind in types for group in groups for topic in topics
    ]
    random.Random(14).shuffle(combinations)
    if len(combinations) < count:
        raise SystemExit(f"Only {len(combinations)} distinct views can be made from the taxonomy.")
    return combinations[:count]


class QueryCounter:
    """Counts every query the connection runs (Django's own query log keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextlib.contextmanager
def counting_queries(connection):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def run(options):
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from healthequity.core.alerts.models import Alert, AlertDelivery, NewPage, Subscriber
    from healthequity.core.alerts.sending import compose_due_alerts, match_pending_pages, send_due_alerts
    from healthequity.core.models import InequalityGroup, Topic
    from tests import factories

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    home = factories.create_site_home()
    index = factories.ResourceIndexPageFactory(parent=home)
    groups = list(InequalityGroup.objects.values_list("slug", flat=True))
    topics = list(Topic.objects.values_list("slug", flat=True))
    types = ["analysis", "report", "tool", "data"]
    chosen_views = views(options.views, groups, topics, types)
    yesterday = timezone.now() - datetime.timedelta(days=2)

    # The subscribers and their confirmed daily alerts come first, as on the site: pages published
    # before an alert existed are never owed to it.
    subscribers = Subscriber.objects.bulk_create(
        (Subscriber(email=f"reader{n}@example.org") for n in range(options.subscribers)), batch_size=2000
    )
    Alert.objects.bulk_create(
        (
            Alert(
                subscriber=subscriber,
                page=index,
                query=chosen_views[n % len(chosen_views)],
                description=f"Resources: {chosen_views[n % len(chosen_views)]}",
                frequency="daily",
                confirmed_at=yesterday,
            )
            for n, subscriber in enumerate(subscribers)
        ),
        batch_size=2000,
    )

    # Then the new pages, published for the first time through Wagtail, so the alerts' own signal
    # handler notes each one (NewPage) as the site would. The test settings run tasks at once
    # (ImmediateBackend), which would match each page as it is published, outside the timing; the
    # dummy backend only records the enqueued matching task, and this script runs it itself, timed.
    # override_settings, not assignment: django-tasks drops its cached backends on setting_changed.
    rng = random.Random(2026)
    group_objects, topic_objects = list(InequalityGroup.objects.all()), list(Topic.objects.all())
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        for number in range(options.pages):
            page = factories.ResourcePageFactory(
                parent=index,
                live=False,
                title=f"Benchmark evidence {number}",
                resource_type=rng.choice(types),
                groups=rng.sample(group_objects, 2),
                topics=rng.sample(topic_objects, 2),
            )
            page.save_revision().publish()
    pending = NewPage.objects.filter(matched_at__isnull=True).count()
    if pending != options.pages:
        raise SystemExit(f"{options.pages} pages published but {pending} noted as new and unmatched: nothing to time.")
    NewPage.objects.update(published_at=yesterday)
    seeded = time.monotonic() - started
    print(
        f"Database: {connection.vendor}. Seeded in {seeded:.1f}s: {options.subscribers} subscribers, "
        f"{len(set(chosen_views))} distinct views, {NewPage.objects.filter(matched_at__isnull=True).count()} new pages."
    )

    with counting_queries(connection) as matching_queries:
        started = time.monotonic()
        deliveries = match_pending_pages()
        matching_time = time.monotonic() - started
    AlertDelivery.objects.update(created_at=yesterday)
    print(f"Matching: {matching_time:.2f}s, {matching_queries.count} queries, {deliveries} deliveries owed.")

    with counting_queries(connection) as digest_queries:
        started = time.monotonic()
        composed, sent = send_due_alerts.call()
        digest_time = time.monotonic() - started
    receiving = AlertDelivery.objects.values("alert__subscriber").distinct().count()
    print(
        f"Daily digest run (composing and sending): {digest_time:.2f}s, {digest_queries.count} queries, "
        f"{composed} emails composed, {sent} sent, {len(mail.outbox)} in the mail backend "
        f"({receiving} subscribers had something new)."
    )
    if sent:
        print(f"Per email: {1000 * digest_time / sent:.1f} ms, {digest_queries.count / sent:.1f} queries.")
    complete = sum(
        1
        for message in mail.outbox
        if message.body
        and any(mimetype == "text/html" for _, mimetype in message.alternatives)
        and "List-Unsubscribe" in message.extra_headers
    )
    print(f"With a plain-text part, an HTML part and List-Unsubscribe: {complete} of {len(mail.outbox)}.")
    again = sum(len(ids) for ids in compose_due_alerts())
    print(f"A second run composes {again} more (nothing twice).")


if __name__ == "__main__":
    main()
