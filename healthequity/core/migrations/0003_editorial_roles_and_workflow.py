"""Editors draft, Moderators review and publish: the two roles and the approval workflow.

Everything here is get-or-create, so it is safe to run on a database where Wagtail's own initial
data (which also creates "Editors" and "Moderators") or another app's migration got there first.
Permissions are only ever added, never removed, so grants made by other apps survive.

The workflow is attached to Wagtail's root page (depth 1) so it covers the whole tree, including a
HomePage that does not exist yet when this runs.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderator approval"
# Wagtail's initial data creates a workflow and task with this name for the same group; we adopt
# it (rename it) rather than leave a second, unused workflow in the admin.
WAGTAIL_DEFAULT_NAME = "Moderators approval"

# Page permissions on the root page, inherited by every page of the site.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

PAGE_PERMISSION_NAMES = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Publish any page",
    "lock_page": "Lock/unlock pages you've locked",
    "unlock_page": "Unlock any page",
}

# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    MODERATORS: [
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ],
}

# Model permissions: snippets, redirects and search promotions.
# Editors may add authors, topics and library links as they write, but the Core20PLUS5 group
# tree and site-wide redirects are a moderator's decision.
MODEL_PERMISSIONS = {
    EDITORS: [
        ("core", "inequalitygroup", "inequality group", ["view"]),
        ("core", "topic", "topic", ["add", "change", "view"]),
        ("core", "author", "author", ["add", "change", "view"]),
        ("library", "librarylink", "library link", ["add", "change", "view"]),
        ("wagtailsearchpromotions", "searchpromotion", "search promotion", ["add", "change"]),
    ],
    MODERATORS: [
        ("core", "inequalitygroup", "inequality group", ["add", "change", "delete", "view"]),
        ("core", "topic", "topic", ["add", "change", "delete", "view"]),
        ("core", "author", "author", ["add", "change", "delete", "view"]),
        ("library", "librarylink", "library link", ["add", "change", "delete", "view"]),
        ("wagtailsearchpromotions", "searchpromotion", "search promotion", ["add", "change", "delete"]),
        ("wagtailredirects", "redirect", "redirect", ["add", "change", "delete"]),
    ],
}


def get_permission(apps, app_label, model, codename, name):
    """The permission row, created if Django's post_migrate signal has not made it yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def grant_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    admin_access = get_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    for group_name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(admin_access)

        if root_page is not None:
            for codename in PAGE_PERMISSIONS[group_name]:
                permission = get_permission(apps, "wagtailcore", "page", codename, PAGE_PERMISSION_NAMES[codename])
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

        for app_label, model, actions in COLLECTION_PERMISSIONS[group_name]:
            for action in actions:
                permission = get_permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
                # Wagtail checks the model permission as well as the collection one.
                group.permissions.add(permission)
                if root_collection is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )

        for app_label, model, verbose_name, actions in MODEL_PERMISSIONS[group_name]:
            for action in actions:
                group.permissions.add(
                    get_permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}")
                )


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    root_page = Page.objects.filter(depth=1).order_by("path").first()

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_NAME).first()
        if workflow is not None:
            workflow.name = WORKFLOW_NAME
            workflow.save(update_fields=["name"])
        else:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    task = GroupApprovalTask.objects.filter(name__in=[WORKFLOW_NAME, WAGTAIL_DEFAULT_NAME]).order_by("pk").first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=content_type, active=True)
    elif task.name != WORKFLOW_NAME or not task.active:
        task.name = WORKFLOW_NAME
        task.active = True
        task.save(update_fields=["name", "active"])
    task.groups.add(moderators)

    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())

    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_seed_taxonomy"),
        ("library", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
