"""Small functions for apps' data migrations (imported by migration files, so keep them stable)."""

__all__ = ["create_table_unless_present", "ensure_permissions_exist"]


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
