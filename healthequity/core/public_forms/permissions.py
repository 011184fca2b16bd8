"""Who may see personal data sent through the public forms (names, email addresses, messages, an
opportunity's contact): users holding the core's own permission, granted to the Moderators group,
and superusers. Other editors see the records without it."""

__all__ = ["PERSONAL_DATA_PERMISSION", "can_see_personal_data"]

# Declared on the outbox model (core.OutgoingEmail), whose messages hold the same data.
PERSONAL_DATA_PERMISSION = "core.view_personal_data"


def can_see_personal_data(user):
    return bool(user and user.is_authenticated and user.has_perm(PERSONAL_DATA_PERMISSION))
