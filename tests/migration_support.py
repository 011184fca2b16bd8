"""Running a script against a database of its own, migrated from an older state: for tests that
prove a data migration keeps what it moves."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_on_a_fresh_database(script, tmp_path):
    """Run `script` (Python source) in a new process on an empty SQLite database; its result."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "DATABASE"))}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "healthequity.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
