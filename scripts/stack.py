"""A throwaway production-like stack on loopback for the load, fault and backup scripts.

PostgreSQL (a cluster of our own, made with initdb in a temporary folder, on a free port),
Redis (our own redis-server on a free port) and gunicorn running the production settings.
Only these are ever stopped or restarted: the machine's shared services are never touched.
Everything is torn down when the `with` block ends, even after an error.
"""

import contextlib
import glob
import http.cookiejar
import http.cookies
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")
GUNICORN = str(REPO / ".venv" / "bin" / "gunicorn")
IS_ROOT = os.geteuid() == 0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else the next free port above it."""
    for port in range(preferred, preferred + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {preferred}")


def postgres_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} not found: install PostgreSQL's server package")
    return found[-1]


class PostgresCluster:
    """A PostgreSQL cluster of our own in a temporary folder (trust auth, loopback only)."""

    def __init__(self, preferred_port: int = 5433):
        self.port = free_port(preferred_port)
        self.root = Path(tempfile.mkdtemp(prefix="he-pg-"))
        self.data = self.root / "data"
        self.logfile = self.root / "postgres.log"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if IS_ROOT:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start_new(self) -> "PostgresCluster":
        if IS_ROOT:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self, mode: str = "fast") -> None:
        # stop + start rather than `pg_ctl restart`, whose server would inherit our output pipe.
        self.stop(mode)
        self.start()

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-Atc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def create_database(self, name: str) -> str:
        self.psql(f"CREATE DATABASE {name}")
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """A redis-server of our own on a free port, with no persistence."""

    def __init__(self, preferred_port: int = 6390):
        self.port = free_port(preferred_port)
        self.process: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {timeout}s")


def production_env(database_url: str, redis_url: str | None, **extra: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "healthequity.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_FORMAT": "json",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=quiet, text=True)


def has_command(env: dict, name: str) -> bool:
    result = subprocess.run([PYTHON, "manage.py", "help", name], cwd=REPO, env=env, capture_output=True, text=True)
    return result.returncode == 0


def prepare_site(env: dict, benchmark_resources: int = 0) -> list[str]:
    """Migrate, collect static files and fill the site; returns what was used to fill it."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    used = []
    if has_command(env, "load_demo_content"):
        manage(env, "load_demo_content")
        used.append("load_demo_content")
    if benchmark_resources and has_command(env, "seed_benchmark_content"):
        manage(env, "seed_benchmark_content", "--resources", str(benchmark_resources))
        used.append(f"seed_benchmark_content --resources {benchmark_resources}")
    elif benchmark_resources or not used:
        count = benchmark_resources or 200
        script = str(REPO / "scripts" / "seed_load_content.py")
        subprocess.run([PYTHON, script, str(count)], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
        used.append(f"scripts/seed_load_content.py {count}")
    return used


class Gunicorn:
    """gunicorn -c gunicorn.conf.py healthequity.wsgi, on loopback, with its logs in a file."""

    def __init__(self, env: dict, workers: int = 5, preferred_port: int = 8200):
        self.port = free_port(preferred_port)
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)}
        self.logfile = Path(tempfile.mkstemp(prefix="he-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Gunicorn":
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "healthequity.wsgi"],
            cwd=REPO,
            env=self.env,
            stdout=self.logfile.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    return self
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.logfile}")
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not become healthy: see {self.logfile}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def log_lines(self) -> list[str]:
        return self.logfile.read_text(errors="replace").splitlines()


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, in kB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0])
    except OSError:
        pass
    return values


def keep_secure_cookies_on_loopback(session) -> None:
    """Keep the site's cookies although they are marked Secure and we speak plain HTTP.

    Production settings mark every cookie Secure; a client's cookie jar refuses those over HTTP.
    On loopback (and only there) we store them ourselves, without the flag.
    """

    def remember(response, *args, **kwargs):
        for header in response.raw.headers.getlist("Set-Cookie"):
            parsed = http.cookies.SimpleCookie()
            parsed.load(header)
            for name, morsel in parsed.items():
                for cookie in [cookie for cookie in session.cookies if cookie.name == name]:
                    session.cookies.clear(cookie.domain, cookie.path, cookie.name)
                if morsel["max-age"] != "0" and morsel.value:
                    session.cookies.set(name, morsel.value)
        return response

    session.hooks["response"].append(remember)
    session.cookies.set_policy(OnlyOurCookies())


class OnlyOurCookies(http.cookiejar.DefaultCookiePolicy):
    """The jar's own cookie extraction stores nothing: `remember` above does it instead."""

    def set_ok(self, cookie, request):
        return False


def new_http_session():
    import requests

    session = requests.Session()
    keep_secure_cookies_on_loopback(session)
    return session


def require_python_in_venv() -> None:
    if not Path(PYTHON).exists():
        sys.exit("Run `make venv` first (or link .venv): these scripts use the project's virtual environment.")
