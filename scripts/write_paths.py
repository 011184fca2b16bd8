"""Write paths the fault scripts drive: how to submit one record with a unique token, how to tell
an acknowledgement from a rejection, and how to count stored records by token afterwards."""

import collections
import html.parser
import threading
import time

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

    def resubmit(self, session, base_url: str, token: str):
        """Send the same topic again, as an editor does after a "try again" page."""
        return self.submit(session, base_url, token)

    def outcome(self, response) -> str:
        if response.status_code == 302 and "/admin/snippets/core/topic/" in response.headers.get("Location", ""):
            return "acknowledged"
        if response.status_code in (200, 400, 409, 429):
            return "rejected"
        return "bad"

    def stored_tokens(self, postgres, database: str) -> collections.Counter:
        rows = postgres.psql("SELECT name FROM core_topic WHERE name LIKE 'fault-%'", database)
        return collections.Counter(line for line in rows.splitlines() if line)


class FormFiller(html.parser.HTMLParser):
    """Read a server-rendered form and fill it in as a hurried but honest person would.

    Hidden inputs keep their values (CSRF, idempotency token, start time); every required text
    box, text area and select gets a plain answer; the first option of each radio and checkbox
    group is chosen; a required single checkbox is ticked. Fields people never see (the honeypot:
    tabindex="-1") stay empty. Works for forms this script has never seen.
    """

    def __init__(self, form_action: str, token: str):
        super().__init__()
        self.form_action, self.token = form_action, token
        self.in_form = False
        self.fields: dict[str, list[str]] = {}
        self.choice_groups: dict[str, str] = {}
        self.checkbox_counts: collections.Counter = collections.Counter()
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_form = (attributes.get("method", "").lower() == "post") and (
                self.form_action in (attributes.get("action") or self.form_action)
            )
            return
        if not self.in_form:
            return
        if tag == "option" and self.select and attributes.get("value") and self.select not in self.fields:
            self.fields[self.select] = [attributes["value"]]
            return
        name = attributes.get("name")
        if not name or attributes.get("tabindex") == "-1":
            return
        required = "required" in attributes
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind == "hidden":
                self.fields[name] = [attributes.get("value", "")]
            elif kind in ("radio", "checkbox"):
                self.checkbox_counts[name] += 1
                self.choice_groups.setdefault(name, attributes.get("value", "on"))
                if kind == "checkbox" and required:
                    self.fields[name] = [attributes.get("value", "on")]
            elif required:
                self.fields[name] = [self.answer(name, kind)]
        elif tag == "textarea" and required:
            self.fields[name] = [f"{self.token}: written by the fault script."]
        elif tag == "select" and required:
            self.select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None

    def answer(self, name: str, kind: str) -> str:
        if kind == "email":
            return f"{self.token}@example.org"
        if kind == "url":
            return "https://www.example.org/"
        if kind == "number":
            return "1"
        if kind == "date":
            return "2030-01-01"
        return self.token if name in ("title", "name") else f"{self.token} {name}"[:100]

    def data(self) -> dict[str, list[str]]:
        filled = dict(self.fields)
        for name, first_value in self.choice_groups.items():
            # Groups of several checkboxes or radios: choose the first. Single optional boxes stay clear.
            if self.checkbox_counts[name] > 1 or name in filled:
                filled.setdefault(name, [first_value])
        return filled


class FundersSubmissionWrites:
    """A funder sends "Add a collaboration opportunity" (/funders/submit/): stored on arrival with
    an idempotency token, then redirected to a confirmation page.

    The form refuses posts made sooner than PUBLIC_FORM_MIN_FILL_SECONDS after it was shown (a robot
    check), so each thread fetches a few forms ahead and posts each once it is old enough. Each
    post comes from its own client address (X-Forwarded-For, trusted one hop), as from many funders.
    """

    name = "funders: add a collaboration opportunity (/funders/submit/)"
    form_url = "/funders/submit/"
    min_fill_seconds = 3.2
    prefetch = 6
    stored_sql = "SELECT title FROM funders_opportunitysubmission WHERE title LIKE 'fault-%'"

    def __init__(self):
        self.addresses = iter(range(1, 10_000_000))
        self.lock = threading.Lock()

    def adjust_env(self, env: dict) -> dict:
        return {**env, "TRUSTED_PROXY_COUNT": "1"}

    def prepare(self, env: dict) -> None:
        return None

    def start_session(self, session, base_url: str) -> None:
        session.fetched_forms = collections.deque()

    def _client_address(self) -> str:
        with self.lock:
            number = next(self.addresses)
        return f"10.{number // 65025 % 250}.{number // 255 % 255}.{number % 255 + 1}"

    def submit(self, session, base_url: str, token: str, name: str | None = None):
        forms = session.__dict__.setdefault("fetched_forms", collections.deque())
        while len(forms) < self.prefetch:
            address = self._client_address()
            response = session.get(
                f"{base_url}{self.form_url}",
                headers={"X-Forwarded-For": address},
                timeout=30,
                **self._named(name, "get"),
            )
            if response.status_code != 200:
                return response
            forms.append((time.monotonic(), response.text, address))
        fetched_at, html_text, address = forms.popleft()
        time.sleep(max(0.0, fetched_at + self.min_fill_seconds - time.monotonic()))
        filler = FormFiller(self.form_url, token)
        filler.feed(html_text)
        data = filler.data()
        data["csrfmiddlewaretoken"] = [session.cookies.get("csrftoken") or data.get("csrfmiddlewaretoken", [""])[0]]
        session.__dict__.setdefault("posted", {})[token] = (data, address)
        return self._post(session, base_url, data, address, name)

    def resubmit(self, session, base_url: str, token: str):
        """Send the very same form again (same answers, same hidden idempotency token), as a person
        does with the back button after a "try again" page; a new form if the first never arrived."""
        posted = session.__dict__.get("posted", {}).get(token)
        if posted is None:
            return self.submit(session, base_url, token)
        data, address = posted
        data["csrfmiddlewaretoken"] = [session.cookies.get("csrftoken") or data["csrfmiddlewaretoken"][0]]
        return self._post(session, base_url, data, address, None)

    def _post(self, session, base_url, data, address, name):
        return session.post(
            f"{base_url}{self.form_url}",
            data=data,
            headers={"X-Forwarded-For": address, "Referer": f"{base_url}{self.form_url}"},
            allow_redirects=False,
            timeout=30,
            **self._named(name, "post"),
        )

    @staticmethod
    def _named(name, method):
        return {"name": f"{name}:{method}"} if name else {}

    def outcome(self, response) -> str:
        # Stored: redirected to the confirmation page, addressed by the record's signed reference.
        if response.status_code in (302, 303) and "ref=" in response.headers.get("Location", ""):
            return "acknowledged"
        if response.status_code in (200, 400, 409, 413, 429):
            return "rejected"
        return "bad"

    def stored_tokens(self, postgres, database: str) -> collections.Counter:
        rows = postgres.psql(self.stored_sql, database)
        return collections.Counter(line for line in rows.splitlines() if line)


def choose_write_path(wanted: str, env: dict):
    funders_here = (REPO / "funders" / "apps.py").exists()
    if wanted == "funders" or (wanted == "auto" and funders_here):
        return FundersSubmissionWrites()
    if wanted == "auto":
        log("funders app not merged yet: using the admin write path")
    return AdminTopicWrites()
