"""Moderators see alert subscribers' addresses (Reports → Email alert subscribers, read-only):
`alerts.view_subscriber` is granted to the Moderators group. Editors are granted nothing here, so
they see counts per alert only.

The group is fetched or created by name, as other apps' migrations do (core/0003, funders/0003):
whichever runs first makes it, and permissions are only ever added.
"""

from django.db import migrations

from healthequity.core.migration_helpers import ensure_permissions_exist

GROUP = "Moderators"
PERMISSION = ("alerts", "view_subscriber")


def grant(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    app_label, codename = PERMISSION
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        app_label, codename = PERMISSION
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
