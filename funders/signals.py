"""Signal handlers: moderators' page permissions on a new funders index, and telling a submitter
when the opportunity they sent is published."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from funders import emails
from funders.pages import FundersIndexPage, OpportunityPage
from funders.permissions import grant_moderators_page_permissions
from funders.records import OpportunitySubmission


@receiver(post_save, sender=FundersIndexPage)
def give_moderators_the_new_funders_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_moderators_page_permissions(instance)


@receiver(page_published, sender=OpportunityPage)
def tell_the_submitter_it_is_published(sender, instance, **kwargs):
    for submission in OpportunitySubmission.objects.filter(
        opportunity_page=instance, publication_notice_sent_at__isnull=True, anonymised_at__isnull=True
    ):
        emails.opportunity_published(submission, instance)
