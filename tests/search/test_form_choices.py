"""The search form's scope and catalogue choices are kept under the `all` counter (200
townships were listed from the database on every search): a township or catalogue change
shows in the form at once; with the page cache on, a search page reads neither list."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import generations
from search.forms import SearchForm
from tests.factories import make_township

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    generations.local.clear()
    caches["pages"].clear()


def labels(form, name):
    return [label for _value, label in form.fields[name].choices]


def test_kept_choices_follow_township_and_catalogue_changes(django_capture_on_commit_callbacks):
    east = make_township(name="东岗镇")
    west = make_township(name="西河乡", county=east.county)
    first = SearchForm({"township": west.slug})
    assert {"东岗镇", "西河乡"} <= set(labels(first, "township"))
    assert first.is_valid()
    assert first.scope == west
    with CaptureQueriesContext(connection) as read:
        SearchForm({"township": west.slug})
    assert len(read) == 0  # both lists (and the county) kept
    with django_capture_on_commit_callbacks(execute=True):
        west.name = "西河镇"
        west.save()
    assert "西河镇" in labels(SearchForm(), "township")
    node = west.categories.order_by("order", "id").first()
    with django_capture_on_commit_callbacks(execute=True):
        node.name = "改名的栏目"
        node.save()
    assert "改名的栏目" in labels(SearchForm({"township": west.slug}), "category")


def test_inactive_township_is_neither_offered_nor_accepted(django_capture_on_commit_callbacks):
    east = make_township(name="东岗镇")
    SearchForm()
    with django_capture_on_commit_callbacks(execute=True):
        east.is_active = False
        east.save()
    form = SearchForm({"township": east.slug})
    assert "东岗镇" not in labels(form, "township")
    assert not form.is_valid()
