"""The line each imported page's history shows: "Imported from WordPress (post 12)"."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter

IMPORTED = "wordpress_import.imported"


@hooks.register("register_log_actions")
def register_imported_action(actions):
    @actions.register_action(IMPORTED)
    class ImportedFromWordPress(LogFormatter):
        label = "Imported from WordPress"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"Imported from WordPress ({data.get('post_type', 'post')} {data.get('wordpress_id', '?')})"
