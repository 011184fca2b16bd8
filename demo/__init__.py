"""Demo and benchmark content: `load_demo_content`, `ensure_demo_admin` and `seed_benchmark_content`.

The demo's words are data, in YAML under demo/data/; the Python here only computes: it draws the
images, resolves slugs, names and titles to stored objects, works out dates relative to today and
writes the pages. This app may import any other; nothing imports it.
"""
