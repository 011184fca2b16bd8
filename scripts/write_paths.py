"""Write paths the fault scripts drive: how to submit one record with a unique token, how to tell
an acknowledgement from a rejection, and how to count stored records by token afterwards."""

import collections
import re
import time
from pathlib import Path

from stack import REPO, log, manage

ADMIN_USERNAME = "fault-editor"
ADMIN_PASSWORD = "fault-editor-password-4b2d"  # noqa: S105 - throwaway database, deleted after the run


class AdminTopicWrites:
    """An editor adds a taxonomy topic in Wagtail's admin: session, CSRF, form, redirect on success."""

    name = "Wagtail admin: add a topic (/admin/snippets/core/topic/add/)"

    def adjust_env(self, env: dict) -> dict:
        return env

    def prepare(self, env: dict) -> None:
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username",
            ADMIN_USERNAME,
            "--email",
            "fault@example.org",
        )

    def start_session(self, session, base_url: str) -> None:
        for _attempt in range(20):
            try:
                session.get(f"{base_url}/admin/login/", timeout=10)
                response = session.post(
                    f"{base_url}/admin/login/",
                    data={
                        "username": ADMIN_USERNAME,
                        "password": ADMIN_PASSWORD,
                        "csrfmiddlewaretoken": session.cookies.get("csrftoken"),
                    },
                    allow_redirects=False,
                    timeout=10,
                )
                if response.status_code == 302:
                    return
            except Exception:  # noqa: BLE001, S110 - retried
                pass
            time.sleep(0.5)
        raise RuntimeError("could not sign in to the admin")

    def submit(self, session, base_url: str, token: str):
        return session.post(
            f"{base_url}/admin/snippets/core/topic/add/",
            data={
                "name": token,
                "slug": token,
                "kind": "other",
                "description": "Added by scripts/fault_postgres_restart.py",
                "csrfmiddlewaretoken": session.cookies.get("csrftoken"),
            },
            allow_redirects=False,
            timeout=30,
        )

    def outcome(self, response) -> str:
        if response.status_code == 302 and "/admin/snippets/core/topic/" in response.headers.get("Location", ""):
            return "acknowledged"
        if response.status_code in (200, 400, 409, 429):
            return "rejected"
        return "bad"

    def stored_tokens(self, postgres, database: str) -> collections.Counter:
        rows = postgres.psql("SELECT name FROM core_topic WHERE name LIKE 'fault-%'", database)
        return collections.Counter(line for line in rows.splitlines() if line)


class FundersSubmissionWrites:
    """A funder sends "Add a collaboration opportunity" (/funders/submit/): stored on arrival,
    with an idempotency token, then redirected to a confirmation page."""

    name = "funders: add a collaboration opportunity (/funders/submit/)"
    form_url = "/funders/submit/"

    def adjust_env(self, env: dict) -> dict:
        # Many visitors, not one robot: no minimum fill time, and a rate limit per address that
        # the stream, sent from one machine, does not reach (the addresses differ per submission).
        return {**env, "FUNDERS_MIN_FILL_SECONDS": "0", "FUNDERS_TRUSTED_PROXY_COUNT": "1", "TRUSTED_PROXY_COUNT": "1"}

    def prepare(self, env: dict) -> None:
        self.counter = 0

    def start_session(self, session, base_url: str) -> None:
        session.get(f"{base_url}{self.form_url}", timeout=10)

    def submit(self, session, base_url: str, token: str):
        self.counter += 1
        forwarded_for = f"198.51.{self.counter // 250 % 250}.{self.counter % 250 + 1}"
        headers = {"X-Forwarded-For": forwarded_for}
        form = session.get(f"{base_url}{self.form_url}", headers=headers, timeout=30)
        if form.status_code != 200:
            return form
        data = dict(self.form_defaults(form.text))
        data.update(self.filled_in(token))
        data["csrfmiddlewaretoken"] = session.cookies.get("csrftoken") or data.get("csrfmiddlewaretoken", "")
        return session.post(f"{base_url}{self.form_url}", data=data, headers=headers, allow_redirects=False, timeout=30)

    @staticmethod
    def form_defaults(html: str) -> list[tuple[str, str]]:
        """Hidden inputs (token, start time, CSRF) and the first option of each required choice."""
        fields = re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)
        fields += [
            (n, v) for v, n in re.findall(r'<input[^>]*value="([^"]*)"[^>]*type="hidden"[^>]*name="([^"]+)"', html)
        ]
        return fields

    def filled_in(self, token: str) -> dict:
        from write_paths_funders import opportunity_fields  # written from funders/forms.py

        return opportunity_fields(token)

    def outcome(self, response) -> str:
        if response.status_code in (302, 303) and "submit" in response.headers.get("Location", ""):
            return "acknowledged"
        if response.status_code in (200, 400, 409, 413, 429):
            return "rejected"
        return "bad"

    def stored_tokens(self, postgres, database: str) -> collections.Counter:
        from write_paths_funders import STORED_TOKENS_SQL

        rows = postgres.psql(STORED_TOKENS_SQL, database)
        return collections.Counter(line for line in rows.splitlines() if line)


def choose_write_path(wanted: str, env: dict):
    funders_here = (REPO / "funders" / "forms.py").exists() and (
        Path(__file__).parent / "write_paths_funders.py"
    ).exists()
    if wanted == "funders" or (wanted == "auto" and funders_here):
        return FundersSubmissionWrites()
    if wanted == "auto":
        log("funders app not merged yet: using the admin write path")
    return AdminTopicWrites()
