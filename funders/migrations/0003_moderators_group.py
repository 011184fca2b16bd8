"""The "Moderators" group: may use the admin, moderate submissions, see registrations and problem
reports (with the personal data in them) and the email outbox, and edit the issue list.

Another app may create a group of the same name, so it is fetched or created by name, never assumed
absent or present. Page permissions under /funders/ are granted when the funders index page is
created (funders.signals), as that page does not exist yet when migrations run.
"""

from django.db import migrations

from healthequity.core.migration_helpers import ensure_permissions_exist

GROUP = "Moderators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("funders", "view_opportunitysubmission"),
    ("funders", "change_opportunitysubmission"),
    ("funders", "view_interestregistration"),
    ("funders", "view_problemreport"),
    ("funders", "change_problemreport"),
    ("funders", "view_outgoingemail"),
    ("funders", "add_issue"),
    ("funders", "change_issue"),
]


def add_group(apps, schema_editor):
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
        for app_label, codename in PERMISSIONS:
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("funders", "0002_seed_vocabularies"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(add_group, remove_permissions)]
