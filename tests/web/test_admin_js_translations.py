"""The admin's JavaScript catalogue carries the project's translations of the two-box
picker's strings (Django's zh_Hans lacks them; the picker showed English help and buttons)."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_picker_strings_are_chinese_in_the_admin_catalogue(client):
    client.force_login(make_user())
    catalogue = client.get(reverse("admin:jsi18n")).content.decode("unicode_escape")
    assert "全部选择%s" in catalogue
    assert "全部移除%s" in catalogue
    assert "选中要选择的%s，再点击“选择”箭头按钮。" in catalogue
    assert "选中要移除的%s，再点击“移除”箭头按钮。" in catalogue
