"""The admin side of public records, for apps' wagtail_hooks.py and admin views: a permission policy
that never lets anyone add or delete what the public sent, each record's history, and the outbox's
viewset (registered by core/wagtail_hooks.py)."""

from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import registry as log_registry
from wagtail.permission_policies import ModelPermissionPolicy

from healthequity.core.public_forms.models import OutgoingEmail

__all__ = ["ModerationHistoryMixin", "OutgoingEmailViewSet", "PublicRecordPermissionPolicy"]


class PublicRecordPermissionPolicy(ModelPermissionPolicy):
    """Records the public sent, or emails about them: nobody adds or deletes them in the admin,
    and some may not be edited at all. Retention is the purge command's job.

    Register it (`wagtail.permissions.register_permission_policy`) before the model's viewset,
    which would otherwise create the default policy."""

    def __init__(self, model, denied=("add", "delete")):
        super().__init__(model)
        self.denied = set(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ModerationHistoryMixin:
    """For an admin view of one record: `history()`, who did what to it when, newest first."""

    def history(self):
        return log_registry.get_logs_for_instance(self.object).select_related("user").order_by("-timestamp", "-pk")


class OutgoingEmailViewSet(ModelViewSet):
    """The outbox, read-only, under Settings: what was sent, what is pending and why."""

    model = OutgoingEmail
    name = "outgoing_emails"
    url_prefix = "outbox"
    icon = "mail"
    menu_label = "Email outbox"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []  # never edited: the permission policy denies "change"
    list_display = [
        "subject",
        StatusTagColumn(
            "get_status_display", label="Status", sort_key="status", primary=lambda email: email.status != "sent"
        ),
        "attempts",
        DateColumn("created_at", label="Queued", sort_key="created_at"),
    ]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "purpose"]
    ordering = ["-created_at"]
