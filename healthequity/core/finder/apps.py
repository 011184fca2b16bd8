from django.apps import AppConfig


class FinderConfig(AppConfig):
    """The finder every listing shares: filters, facets and counts, cards, feeds and JSON, and the
    evidence index page. A nested app of the core, so the core's models never import it."""

    name = "healthequity.core.finder"
    label = "finder"
    verbose_name = "Finder"

    def ready(self):
        from wagtail.signals import page_published

        from . import facet_index, word_index
        from .words import remember_page_words

        facet_index.connect_signals()
        word_index.connect_signals()

        page_published.connect(remember_page_words, dispatch_uid="finder.remember_page_words")
