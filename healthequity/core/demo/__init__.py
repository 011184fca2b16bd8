"""Demo content for `manage.py load_demo_content`: the data, the images and the loader.

The data modules (site, policies, resources_*, briefs_*, blog_*, panel, library, people) hold
titles, summaries and bodies; `images` and `documents` draw files in memory; `stream` writes
StreamField values; `loader` turns it all into pages, snippets, images and documents.
"""

from .loader import DemoContentLoader

__all__ = ["DemoContentLoader"]
