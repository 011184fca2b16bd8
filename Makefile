# healthequity: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help venv run serve test test-browser budget lint format check clean

help: ## List the targets with their one-line description
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'

# Two stamps: `make run` needs only the runtime requirements; tests and linting add the dev tools.
$(BIN)/.installed-runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed-runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed-dev ## Create the virtual environment with runtime and test requirements

# The address the site is served on. Every full address it writes out (canonical links, feeds,
# citations, emails) starts with it, and `migrate` points the Wagtail site at it.
SITE_ENV = WAGTAILADMIN_BASE_URL=http://$(HOST)

run: $(BIN)/.installed-runtime ## Set up the demo site (migrate, demo content, three demo logins) and serve it on http://$(HOST) with the background worker and scheduler
	$(SITE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SITE_ENV) $(BIN)/python manage.py load_demo_content
	$(SITE_ENV) $(BIN)/python manage.py ensure_demo_admin
	@# The background worker (emails, alerts, the search index) and the scheduler (periodic tasks)
	@# run beside the server, and stop with it (Ctrl+C).
	$(SITE_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	$(SITE_ENV) $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(SITE_ENV) $(BIN)/python manage.py runserver $(HOST)

# `make serve`: the production settings, locally, on SQLite with a throwaway key and plain HTTP.
SERVE_ENV = DJANGO_SETTINGS_MODULE=healthequity.settings.production \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=127.0.0.1,localhost DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(SITE_ENV) \
	SECURE_SSL_REDIRECT=false SERVE_MEDIA=true LOG_FORMAT=text GUNICORN_BIND=$(HOST)

serve: $(BIN)/.installed-runtime ## Serve the production settings (gunicorn + whitenoise) on SQLite at http://$(HOST)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py load_demo_content
	$(SERVE_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	$(SERVE_ENV) $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py healthequity.wsgi

# Browser tests drive Debian's chromium; without it they are skipped (and fail under CI=true).
CHROMIUM := $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)

test: venv ## Run the test suite, browser tests included when Chromium is installed (SQLite by default; set DATABASE_URL for PostgreSQL)
	@test -n "$(CHROMIUM)$(CHROMIUM_PATH)" || echo "Chromium not found: browser tests will be skipped (apt-get install chromium)."
	@# One worker per core (pytest-xdist), each with a test database of its own; a test file runs
	@# whole on one worker, so its module-wide fixtures (the demo content) are built once.
	$(BIN)/python -m pytest -m "not browser and not commits" -n auto --dist loadfile $(PYTEST_ARGS)
	@# Tests that commit (the task worker's, then the browser tests' live server) run in sessions of
	@# their own: their flush wipes the data migrations' rows (the Locale) from under the tests that
	@# follow, and the content types a later serialized restore would refer to.
	$(BIN)/python -m pytest -m "commits and not browser" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

test-browser: venv ## Run only the browser tests (Playwright + axe-core in Chromium)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

budget: venv ## Check every public page type against the performance budget, in Chromium
	$(BIN)/python scripts/check_budget.py

lint: venv ## Check the code (ruff: lint, format, stale noqa), templates' indentation (djhtml) and the import rules (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	git ls-files '*.html' | xargs $(BIN)/djhtml --check
	$(BIN)/lint-imports

format: venv ## Format the code (ruff) and indent the templates (djhtml)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files '*.html' | xargs $(BIN)/djhtml

check: venv ## Django's system checks and a check for missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean: ## Remove the virtual environment, the local database and media
	rm -rf $(VENV) db.sqlite3 media media-test staticfiles
