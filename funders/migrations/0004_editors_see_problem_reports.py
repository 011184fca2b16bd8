"""Editors read and resolve "Something not right?" reports: the reports are emailed to them with a
link to the admin, so the "Editors" group may view a report and change its status and notes. The
reporter's email address stays with moderators (it needs funders.view_opportunitysubmission, see
funders.permissions); submissions, registrations and the outbox stay with moderators alone.

The group is fetched or created by name, as Wagtail's initial data and core's roles migration do.
"""

from django.db import migrations

from healthequity.core.migration_helpers import ensure_permissions_exist

GROUP = "Editors"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("funders", "view_problemreport"),
    ("funders", "change_problemreport"),
]


def add_permissions(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="funders", codename__in=["view_problemreport", "change_problemreport"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("funders", "0003_moderators_group")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
