"""`manage.py load_demo_content` on a site that already has a home page builds the demo under it."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Site

import pytest

from healthequity.core.models import HomePage
from resources.models import ResourceIndexPage, ResourcePage


@pytest.mark.django_db
def test_an_existing_home_page_is_kept_as_the_site_root(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_content", stdout=StringIO())
    assert HomePage.objects.get().pk == home_page.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk
    assert ResourceIndexPage.objects.get().get_parent().pk == home_page.pk
    assert ResourcePage.objects.count() >= 15
