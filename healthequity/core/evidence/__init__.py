"""Findings as data: every rated finding of a live, public brief in one queryable table, the
approach vocabulary, the evidence-and-gap map and the table of approaches (see
docs/architecture.md, "Findings as data").

Import from the module that defines a thing; this package's `__init__` stays empty.
"""
