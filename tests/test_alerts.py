"""Email alerts for a filtered view: sign-up with double opt-in, a page published for the first
time sent once and only once (at once or in a digest), RFC 8058 one-click unsubscribe, managing
alerts without an account, and bounces suspending an address. Sent through Django's SMTP backend
to a real SMTP server on loopback."""

import datetime
import re
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone

import pytest
import time_machine

from healthequity.core.alerts.models import Alert, AlertDelivery, Subscriber
from healthequity.core.alerts.sending import send_due_alerts
from healthequity.core.public_forms import OutgoingEmail
from tests import factories
from tests.public_forms_support import clear_rate_limits, protection
from tests.smtp_support import SmtpServer, text_and_html

READER = "analyst@icb.example"


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        for name, value in server.django_settings().items():
            setattr(settings, name, value)
        yield server


@pytest.fixture
def coastal():
    return factories.InequalityGroupFactory(name="Coastal towns (test)", slug="coastal-towns-test")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def path_of(link):
    return urlsplit(link).path


def links_in(text):
    return re.findall(r"https?://\S+", text)


def hrefs_in(html):
    return re.findall(r'href="(https?://[^"]+)"', html)


def both_parts(message):
    """The plain-text and HTML parts of a multipart/alternative email, and the links each offers
    (the plain part's written out, the HTML part's as links)."""
    assert message.get_content_type() == "multipart/alternative"
    text, html = text_and_html(message)
    assert "<html" not in text and html.lstrip().startswith("<!DOCTYPE html>")
    return text, html, links_in(text), hrefs_in(html)


def link_to(links, kind):
    """The one link of this kind (confirm, manage, unsubscribe) among an email part's links."""
    [link] = [link for link in links if f"/alerts/{kind}/" in link]
    return link


def confirm_link(message):
    return link_to(links_in(text_and_html(message)[0]), "confirm")


def sign_up(client, listing, query, frequency="daily", email=READER):
    clear_rate_limits()
    url = f"/alerts/new/?listing={listing.pk}&{query}"
    return client.post(url, {"email": email, "frequency": frequency, **protection()})


@pytest.mark.django_db
def test_the_journey_sign_up_confirm_publish_digest_and_one_click_unsubscribe(
    client, smtp, resource_index, coastal, django_capture_on_commit_callbacks
):
    # The sign-up page says what the alert covers in the page's and the filter tags' words.
    page = client.get(f"/alerts/new/?listing={resource_index.pk}&group={coastal.slug}")
    assert page.status_code == 200
    assert "Coastal towns (test)" in page.content.decode()
    assert "private" in page["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, resource_index, f"group={coastal.slug}")
    assert response.status_code == 302 and response["Location"] == "/alerts/check-your-email/"
    # Double opt-in: only the confirmation has been sent, and nothing matches an unconfirmed alert.
    [confirmation] = smtp.mailbox.to(READER)
    assert confirmation["Subject"].startswith("Confirm your email alert")
    # Plain text and HTML, each with the link that starts the alert and visible links that stop it
    # or manage the address's alerts; no List-Unsubscribe: the address is on no list yet.
    text, html, text_links, html_links = both_parts(confirmation)
    assert "Coastal towns (test)" in text and "Coastal towns (test)" in html
    assert "Stop this alert now" in text and "Stop this alert now" in html
    for kind in ("confirm", "unsubscribe", "manage"):
        assert link_to(text_links, kind) == link_to(html_links, kind)
    assert confirmation["List-Unsubscribe"] is None and confirmation["List-Unsubscribe-Post"] is None
    alert = Alert.objects.get()
    assert alert.confirmed_at is None

    confirmed = client.get(path_of(confirm_link(confirmation)))
    assert confirmed.status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is not None and alert.frequency == "daily"

    # A matching brief and one that does not match are published for the first time.
    with django_capture_on_commit_callbacks(execute=True):
        matching = publish(
            factories.WhatWorksBriefPageFactory(
                parent=resource_index, live=False, title="What works: coastal outreach", groups=[coastal]
            )
        )
        publish(factories.WhatWorksBriefPageFactory(parent=resource_index, live=False, title="What works: other"))
    assert list(AlertDelivery.objects.values_list("page_id", flat=True)) == [matching.pk]
    assert len(smtp.mailbox.to(READER)) == 1  # a daily alert waits for its digest

    # The next morning's digest run sends it, once.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=1)):
        with django_capture_on_commit_callbacks(execute=True):
            send_due_alerts.enqueue()
        with django_capture_on_commit_callbacks(execute=True):
            send_due_alerts.enqueue()  # a second run owes nothing
    [_, digest] = smtp.mailbox.to(READER)
    text, html, text_links, html_links = both_parts(digest)
    assert "What works: coastal outreach" in text and "What works: coastal outreach" in html
    assert matching.summary in text and "What works: other" not in text
    assert matching.get_full_url() in text and matching.get_full_url() in html_links
    assert matching.get_full_url().startswith("http")
    assert "Unsubscribe from these emails" in text and "Unsubscribe from these emails" in html
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")
    assert link_to(text_links, "unsubscribe") == link_to(html_links, "unsubscribe") == unsubscribe
    assert link_to(text_links, "manage") == link_to(html_links, "manage")
    assert client.get(path_of(link_to(html_links, "manage"))).status_code == 200

    # Publishing the brief again is not a first publication: nothing more is owed.
    with django_capture_on_commit_callbacks(execute=True):
        publish(matching)
    assert AlertDelivery.objects.count() == 1

    # RFC 8058: the mail reader's bare POST, with no cookie or CSRF token, unsubscribes.
    one_click = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert not Alert.objects.exists() and not Subscriber.objects.exists()


@pytest.mark.django_db
def test_as_soon_as_published_sends_at_once_and_a_refusing_server_means_a_retry(
    client, smtp, resource_index, coastal, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, resource_index, f"group={coastal.slug}", frequency="immediate")
    [confirmation] = smtp.mailbox.to(READER)
    client.get(path_of(confirm_link(confirmation)))

    smtp.mailbox.refusing = True
    with django_capture_on_commit_callbacks(execute=True):
        publish(factories.ResourcePageFactory(parent=resource_index, live=False, title="Sea air", groups=[coastal]))
    email = OutgoingEmail.objects.get(purpose="alert-immediate")
    assert (email.status, email.attempts) == ("pending", 1) and "451" in email.last_error
    assert email.next_attempt_at > timezone.now()

    smtp.mailbox.refusing = False
    with time_machine.travel(email.next_attempt_at + datetime.timedelta(seconds=1)):
        from healthequity.core.tasks import send_pending_emails

        send_pending_emails.enqueue()
        send_pending_emails.enqueue()
    alerts = smtp.mailbox.to(READER)[1:]
    assert [message["Subject"] for message in alerts] == ["New: Sea air"]
    text, html, text_links, html_links = both_parts(alerts[0])
    assert "Sea air" in text and "Sea air" in html
    assert "Unsubscribe from these emails" in text and "Unsubscribe from these emails" in html
    unsubscribe = link_to(text_links, "unsubscribe")
    assert link_to(html_links, "unsubscribe") == unsubscribe
    assert alerts[0]["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert alerts[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_to(text_links, "manage") == link_to(html_links, "manage")


@pytest.mark.django_db
def test_an_unconfirmed_or_expired_link_starts_nothing(
    client, smtp, resource_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, resource_index, "")
    [confirmation] = smtp.mailbox.to(READER)
    link = confirm_link(confirmation)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert client.get(path_of(link)).status_code == 404
        from healthequity.core.alerts.sending import remove_unconfirmed_alerts

        assert remove_unconfirmed_alerts.enqueue().return_value == [1, 1]
    assert client.get(path_of(link)[:-3] + "abc/").status_code == 404
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_the_confirmations_stop_link_removes_an_alert_nobody_confirmed_and_the_address(
    client, smtp, resource_index, coastal, django_capture_on_commit_callbacks
):
    """Signed up by someone else: the link in both parts of the confirmation deletes the alert and
    the address at once, without waiting for the unconfirmed alert to expire."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, resource_index, f"group={coastal.slug}&q=%3Ci%3Easthma", email="someone.else@icb.example")
    [confirmation] = smtp.mailbox.to("someone.else@icb.example")
    text, html, text_links, html_links = both_parts(confirmation)
    # The search words a visitor typed are text in the HTML part, never markup.
    assert "<i>asthma" in text and "&lt;i&gt;asthma" in html and "<i>" not in html
    stop = link_to(html_links, "unsubscribe")
    assert link_to(text_links, "unsubscribe") == stop
    page = client.get(path_of(stop))
    assert page.status_code == 200 and "Coastal towns (test)" in page.content.decode()
    assert Subscriber.objects.exists()  # opening the link changes nothing; its button does
    assert client.post(path_of(stop)).status_code == 200
    assert not Alert.objects.exists() and not Subscriber.objects.exists()
    assert client.get(path_of(confirm_link(confirmation))).status_code == 404


@pytest.mark.django_db
def test_unsubscribing_from_the_last_alert_on_the_manage_page_deletes_the_address(client, resource_index, coastal):
    """As the privacy notice says: when an address has no alert left, it is deleted at once."""
    from healthequity.core.alerts import links

    subscriber = Subscriber.objects.create(email=READER)
    coastal_alert, everything = (
        Alert.objects.create(
            subscriber=subscriber,
            page=resource_index,
            query=query,
            description=description,
            confirmed_at=timezone.now(),
        )
        for query, description in ((f"group={coastal.slug}", "Coastal"), ("", "Everything"))
    )
    manage = links.manage_path(subscriber)
    first = client.post(manage, {"alert": coastal_alert.pk, "action": "unsubscribe"})
    assert "You will get no more emails about Coastal" in first.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    last = client.post(manage, {"alert": everything.pk, "action": "unsubscribe"})
    assert "we have deleted your address" in last.content.decode()
    assert not Alert.objects.exists() and not Subscriber.objects.exists()


@pytest.mark.django_db
def test_bad_sign_ups_are_told_by_the_field_and_store_nothing(client, resource_index):
    response = sign_up(client, resource_index, "", email="not an address", frequency="hourly")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter an email address in the correct format" in body
    assert "Choose how often you want emails" in body
    assert not Subscriber.objects.exists()
    assert client.get("/alerts/new/?listing=999999").status_code == 404
    assert client.get("/alerts/new/?listing=abc").status_code == 404
    assert client.get("/alerts/new/").status_code == 404


@pytest.mark.django_db
def test_a_bounce_reported_by_the_providers_webhook_suspends_the_address(client, settings):
    """django-anymail's tracking webhook (Postmark's, as an example), with its basic-auth secret."""
    import base64

    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret-for-tests"}
    subscriber = Subscriber.objects.create(email=READER)
    bounce = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "TypeCode": 1,
        "Email": "Analyst@ICB.example",
        "BouncedAt": "2026-05-04T09:00:00Z",
        "MessageID": "00000000-0000-0000-0000-000000000000",
    }
    auth = "Basic " + base64.b64encode(b"hook:secret-for-tests").decode()
    assert client.post("/anymail/postmark/tracking/", bounce, content_type="application/json").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.suspended_at is None  # no secret, no effect
    response = client.post(
        "/anymail/postmark/tracking/", bounce, content_type="application/json", HTTP_AUTHORIZATION=auth
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.suspended_at is not None and "bounced" in subscriber.suspended_reason
