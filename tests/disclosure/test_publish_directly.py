"""Until a sign-off chain exists for an item, only the 党政办 publishes, once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disclosure.models import DisclosureItem
from disclosure.publishing import publish_directly
from tests.factories import make_item, make_member, make_township
from townships.models import Role


@pytest.fixture
def township(db):
    return make_township(name="发布镇")


def test_publisher_publishes_and_item_gets_index_number(township):
    item = make_item(township=township)
    publisher = make_member(township=township, role=Role.PUBLISHER)
    publish_directly(item, publisher)
    item.refresh_from_db()
    assert item.status == DisclosureItem.Status.PUBLISHED
    assert item.index_no
    assert item.published_on is not None


def test_author_may_not_publish(township):
    item = make_item(township=township)
    author = make_member(township=township, role=Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        publish_directly(item, author)


def test_publisher_of_another_township_may_not_publish(township):
    item = make_item(township=township)
    outsider = make_member(township=make_township(), role=Role.PUBLISHER)
    with pytest.raises(PermissionDenied):
        publish_directly(item, outsider)


def test_an_item_cannot_be_published_twice(township):
    item = make_item(township=township)
    publisher = make_member(township=township, role=Role.PUBLISHER)
    publish_directly(item, publisher)
    with pytest.raises(ValidationError):
        publish_directly(item, publisher)
