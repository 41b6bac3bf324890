"""/admin/r/<ct>/<id>/ (Django's "view on site") answers 404 for objects the user may not
read in the admin, so staff of another township cannot learn that a draft exists."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from disclosure.models import DisclosureItem
from tests.factories import make_item, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def shortcut(user, obj):
    client = Client()
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(f"/admin/r/{content_type.pk}/{obj.pk}/")


def test_another_townships_draft_is_404_and_an_own_item_redirects():
    a, b = make_township(), make_township()
    draft_b = make_item(township=b, title="乙镇草稿")
    own = make_item(township=a, title="甲镇信息", published=True)
    author_a = make_member(township=a, role=Role.AUTHOR)
    assert shortcut(author_a, draft_b).status_code == 404
    response = shortcut(author_a, own)
    assert response.status_code == 302
    assert own.get_absolute_url() in response["Location"]
    county = make_member(role=Role.COUNTY_ADMIN)
    assert shortcut(county, draft_b).status_code == 302


def test_nonsense_ids_are_404():
    user = make_member(township=make_township(), role=Role.AUTHOR)
    client = Client()
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(DisclosureItem)
    assert client.get(f"/admin/r/{content_type.pk}/not-a-number/").status_code == 404
    assert client.get("/admin/r/999999/1/").status_code == 404
