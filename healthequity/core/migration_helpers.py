"""Small functions for apps' data migrations (imported by migration files, so keep them stable)."""

__all__ = ["convert_index_pages", "create_table_unless_present", "ensure_permissions_exist"]


def ensure_permissions_exist(apps):
    """Django creates model permissions after all migrations; a migration granting one needs it now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_table_unless_present(app_label, model_name):
    """A RunPython function creating the model's table, unless it is there already: for a model that
    another app's migration (run before) handed over by renaming its own table."""

    def create(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        with schema_editor.connection.cursor() as cursor:
            tables = schema_editor.connection.introspection.table_names(cursor)
        if model._meta.db_table not in tables:
            schema_editor.create_model(model)

    return create


def convert_index_pages(apps, schema_editor, old_app, old_model, listed_type):
    """Turn each `old_app.old_model` page into an evidence index page listing `listed_type`, keeping
    its id, place in the tree, address, revisions and history: a new row in the evidence index
    table, the page's content type switched, and the old row removed (without touching the page)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    OldIndex = apps.get_model(old_app, old_model)
    EvidenceIndexPage = apps.get_model("finder", "EvidenceIndexPage")

    old_type = ContentType.objects.filter(app_label=old_app, model=old_model.lower()).first()
    new_type, _ = ContentType.objects.get_or_create(app_label="finder", model="evidenceindexpage")
    for old in OldIndex.objects.all():
        page_id = old.page_ptr_id
        # raw: the page's own row exists already; only the evidence index row is written.
        EvidenceIndexPage(page_ptr_id=page_id, introduction=old.introduction, listed_type=listed_type).save_base(
            raw=True
        )
        Page.objects.filter(pk=page_id).update(content_type=new_type)
        for revision in Revision.objects.filter(base_content_type__app_label="wagtailcore", object_id=str(page_id)):
            revision.content = {**revision.content, "content_type": new_type.pk, "listed_type": listed_type}
            revision.content_type = new_type
            revision.save(update_fields=["content", "content_type"])
        PageLogEntry.objects.filter(page_id=page_id).update(content_type=new_type)
        if old_type is not None:
            IndexEntry.objects.filter(content_type=old_type, object_id=str(page_id)).update(content_type=new_type)
        with schema_editor.connection.cursor() as cursor:
            table = schema_editor.quote_name(OldIndex._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE page_ptr_id = %s", [page_id])  # noqa: S608 - our own table name
