"""The finder every listing shares (see docs/architecture.md, "The evidence finder").

Import from the module that defines a thing; this package's `__init__` stays empty so that
importing a module here never imports the rest.
"""
