"""Who may see what funders send us, and the "Moderators" group that does."""

from django.contrib.auth.models import Group, Permission

__all__ = [
    "MODERATORS_GROUP",
    "MODERATOR_PAGE_PERMISSIONS",
    "PERSONAL_DATA_PERMISSION",
    "can_see_personal_data",
    "grant_moderators_page_permissions",
]

MODERATORS_GROUP = "Moderators"

# Personal data (submitters', registrants' and reporters' names and addresses, an opportunity's
# contact) is shown only to users holding this permission: the Moderators group and superusers.
PERSONAL_DATA_PERMISSION = "funders.view_opportunitysubmission"

# What moderators may do under /funders/: check the drafts that approval creates, and publish them.
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def can_see_personal_data(user):
    return bool(user and user.is_authenticated and user.has_perm(PERSONAL_DATA_PERMISSION))


def grant_moderators_page_permissions(index_page):
    """Let the Moderators group add, edit and publish opportunities under this funders index."""
    from wagtail.models import GroupPagePermission

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=moderators, page=index_page, permission=permission)
