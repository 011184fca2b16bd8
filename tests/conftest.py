import pytest

from tests import factories


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test that commits, so `make test` runs them in a session after the rest.

    Their flush at the end empties every table, the data migrations' rows (the default Locale,
    the seeded approaches and synonyms) included, and a test that followed on the same worker
    would find no Locale.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = marker is not None and marker.kwargs.get("transaction", False)
        if commits or {"transactional_db", "live_server"} & set(item.fixturenames):
            item.add_marker(pytest.mark.commits)


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, as load_demo_content and a real install have."""
    return factories.create_site_home()


@pytest.fixture
def resource_index(home_page):
    return factories.ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def blog_index(home_page):
    return factories.BlogIndexPageFactory(parent=home_page)


@pytest.fixture
def panel_index(home_page):
    return factories.CitizensPanelIndexPageFactory(parent=home_page)


@pytest.fixture
def library_page(home_page):
    return factories.LibraryPageFactory(parent=home_page)


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post a form as a browser would, running what waits for the commit (the emails' sending)."""

    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send
