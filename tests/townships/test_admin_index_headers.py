"""The admin index's visually hidden table headers are read aloud by screen readers: they
must be Chinese like the rest of the page (Django 5.2 ships them untranslated)."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_hidden_headers_on_the_admin_index_are_chinese(client):
    client.force_login(make_member(township=make_township(), role=Role.TOWNSHIP_ADMIN))
    html = client.get(reverse("admin:index")).content.decode()
    for english in ("Model name", "Add link", "Change or view list link"):
        assert english not in html
    assert '<th scope="col">功能</th>' in html
    assert '<th scope="col">修改或查看</th>' in html
