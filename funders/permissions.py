"""The "Moderators" group, who decide what funders send us, and its page permissions.

Seeing personal data is the core's permission (healthequity.core.public_forms.permissions), which
the Moderators group holds (migrations 0003 and 0006)."""

from django.contrib.auth.models import Group, Permission

__all__ = ["MODERATORS_GROUP", "MODERATOR_PAGE_PERMISSIONS", "grant_moderators_page_permissions"]

MODERATORS_GROUP = "Moderators"

# What moderators may do under /funders/: check the drafts that approval creates, and publish them.
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_moderators_page_permissions(index_page):
    """Let the Moderators group add, edit and publish opportunities under this funders index."""
    from wagtail.models import GroupPagePermission

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=moderators, page=index_page, permission=permission)
