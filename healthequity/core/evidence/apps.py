from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    """The findings index, the approach vocabulary, the evidence map and the approaches table.

    A nested app of the core: it names no app. Page types hand it their findings through the
    `evidence_findings()` protocol (see indexing), and it keeps the index in step through the
    caching app's `published_pages_changed` signal.
    """

    name = "healthequity.core.evidence"
    label = "evidence"
    verbose_name = "Evidence map"

    def ready(self):
        from . import indexing

        indexing.connect_signals()
