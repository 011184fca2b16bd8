"""Seeing personal data sent through the public forms is now the core's own permission
(core.view_personal_data), no longer read off funders.view_opportunitysubmission. Every group that
held that one (the Moderators), and every user granted it directly, is granted the core's, so
nobody sees more or less than before; superusers hold every permission anyway.
"""

from django.db import migrations

from healthequity.core.migration_helpers import ensure_permissions_exist

OLD = ("funders", "view_opportunitysubmission")
NEW = ("core", "view_personal_data")


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    ensure_permissions_exist(apps)
    old, personal_data = permission(apps, *OLD), permission(apps, *NEW)
    personal_data.group_set.add(*old.group_set.all())
    personal_data.user_set.add(*old.user_set.all())


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for personal_data in Permission.objects.filter(content_type__app_label=NEW[0], codename=NEW[1]):
        personal_data.group_set.clear()
        personal_data.user_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("funders", "0005_hand_over_outbox_and_problem_reports"),
        ("core", "0005_outgoing_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
