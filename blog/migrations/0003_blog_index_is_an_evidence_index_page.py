"""The BlogIndexPage becomes an evidence index page (finder.EvidenceIndexPage) listing "blog" pages: one
index page type serves every listing of a kind of evidence. Pages keep their ids and addresses."""

from django.db import migrations


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


def forwards(apps, schema_editor):
    convert_index_pages(apps, schema_editor, "blog", "BlogIndexPage", "blog")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_initial"),
        ("finder", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0008_remove_query_and_querydailyhits_models"),
    ]
    operations = [
        migrations.RunPython(forwards),  # not reversible: the page type is gone
        migrations.DeleteModel(name="BlogIndexPage"),
    ]
