"""Who sees alert subscribers' addresses in the admin: moderators, read-only (Reports → Email alert
subscribers, the permission granted by a migration); editors see counts per alert, never an
address. Both logins are made from the groups the migrations create, nothing granted by hand."""

from django.utils import timezone

import pytest

from healthequity.core.alerts.models import Alert, Subscriber
from tests.editors_support import make_member

READER = "analyst@icb.example"
WAITING = "not.yet@icb.example"
DESCRIPTION = "Resources: Inequality group: Coastal towns (test)"
COUNTS = "/admin/reports/email-alerts/"
SUBSCRIBERS = "/admin/reports/email-alert-subscribers/"


@pytest.fixture
def subscribers(resource_index):
    reader = Subscriber.objects.create(email=READER)
    Alert.objects.create(
        subscriber=reader,
        page=resource_index,
        query="group=coastal-towns-test",
        description=DESCRIPTION,
        frequency="weekly",
        confirmed_at=timezone.now(),
    )
    waiting = Subscriber.objects.create(email=WAITING)
    Alert.objects.create(subscriber=waiting, page=resource_index, query="", description="Resources: everything new")
    return reader, waiting


def text_of(response):
    return response.content.decode()


@pytest.mark.django_db
def test_editors_see_counts_per_alert_never_an_address(client, subscribers):
    reader, _ = subscribers
    client.force_login(make_member("ed", "Editors"))

    counts = client.get(COUNTS)
    assert counts.status_code == 200
    body = text_of(counts)
    assert DESCRIPTION in body and "Waiting for confirmation: 1" in body
    assert READER not in body and WAITING not in body and SUBSCRIBERS not in body

    # Neither the list nor one subscriber opens for an editor, nor is it in their menu.
    for address in (SUBSCRIBERS, f"{SUBSCRIBERS}inspect/{reader.pk}/", f"{SUBSCRIBERS}?q=analyst"):
        response = client.get(address, follow=True)
        assert response.redirect_chain and READER not in text_of(response)
    assert "Email alert subscribers" not in text_of(client.get("/admin/"))
    # The outbox, which holds the alert emails and so their addresses, is closed to editors too.
    assert client.get("/admin/outbox/").status_code == 302


@pytest.mark.django_db
def test_moderators_see_addresses_read_only(client, subscribers):
    reader, waiting = subscribers
    client.force_login(make_member("mo", "Moderators"))

    assert "Email alert subscribers" in text_of(client.get("/admin/"))
    assert SUBSCRIBERS in text_of(client.get(COUNTS))

    listing = client.get(SUBSCRIBERS)
    assert listing.status_code == 200
    body = text_of(listing)
    assert READER in body and WAITING in body
    found = text_of(client.get(SUBSCRIBERS, {"q": "analyst"}))
    assert READER in found and WAITING not in found

    inspect = client.get(f"{SUBSCRIBERS}inspect/{reader.pk}/")
    assert inspect.status_code == 200
    assert READER in text_of(inspect) and f"{DESCRIPTION} (once a week (a digest))" in text_of(inspect)
    waiting_page = text_of(client.get(f"{SUBSCRIBERS}inspect/{waiting.pk}/"))
    assert "waiting for confirmation" in waiting_page

    # Read-only: no way to add, change or delete an address here.
    assert f"{SUBSCRIBERS}new/" not in body and f"{SUBSCRIBERS}edit/" not in body
    assert client.get(f"{SUBSCRIBERS}new/").status_code != 200
    assert client.post(f"{SUBSCRIBERS}edit/{reader.pk}/", {"email": "changed@icb.example"}).status_code != 200
    assert client.post(f"{SUBSCRIBERS}delete/{reader.pk}/").status_code != 200
    assert set(Subscriber.objects.values_list("email", flat=True)) == {READER, WAITING}


@pytest.mark.django_db
def test_not_even_a_superuser_changes_or_deletes_an_address_in_the_admin(client, subscribers, django_user_model):
    reader, _ = subscribers
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "password"))
    assert READER in text_of(client.get(f"{SUBSCRIBERS}inspect/{reader.pk}/"))
    for address in (f"{SUBSCRIBERS}new/", f"{SUBSCRIBERS}edit/{reader.pk}/", f"{SUBSCRIBERS}delete/{reader.pk}/"):
        assert client.get(address).status_code == 302
    client.post(f"{SUBSCRIBERS}edit/{reader.pk}/", {"email": "changed@icb.example"})
    client.post(f"{SUBSCRIBERS}delete/{reader.pk}/")
    assert Subscriber.objects.filter(pk=reader.pk, email=READER).exists()
