"""Login history: each user sees their own logins and failures (time, address, result) on
the desk and a page; the county admin's desk lists failed logins of privileged accounts."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_member, make_township, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Shuiyun#Kite-47"


def login(address, username, password):
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("admin:login"), {"username": username, "password": password,
                                         "next": "/admin/"})
    return client


def test_a_user_sees_their_own_logins_and_failures_on_the_desk_and_page():
    township = make_township()
    user = make_user(username="liuyang", password=PASSWORD)
    make_member(user=user, township=township, role=Role.AUTHOR)
    other = make_user(username="other", password=PASSWORD)
    make_member(user=other, township=township, role=Role.AUTHOR)
    login("198.51.100.4", "liuyang", "wrong-password")
    login("198.51.100.5", "other", "wrong-password")
    client = login("203.0.113.8", "liuyang", PASSWORD)
    desk = client.get(reverse("admin:index")).content.decode()
    assert "我的登录记录" in desk
    assert "登录失败" in desk
    assert "198.51.100.4" in desk
    assert "登录成功" in desk
    assert "203.0.113.8" in desk
    assert "198.51.100.5" not in desk  # someone else's failure
    page = client.get(reverse("security:my_logins"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("203.0.113.8") < text.index("198.51.100.4")  # newest first
    assert "198.51.100.5" not in text


def test_an_ipv6_client_is_shown_as_its_64():
    user = make_user(username="v6user", password=PASSWORD)
    make_member(user=user, township=make_township(), role=Role.AUTHOR)
    client = login("2001:db8:7:8::99", "v6user", PASSWORD)
    assert "2001:db8:7:8::/64" in client.get(reverse("security:my_logins")).content.decode()


def test_the_page_needs_a_login():
    response = Client().get(reverse("security:my_logins"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_county_admin_desk_lists_failed_logins_of_privileged_accounts_only():
    township = make_township()
    make_member(user=make_user(username="pub_x", password=PASSWORD), township=township,
                role=Role.PUBLISHER)
    make_member(user=make_user(username="author_x", password=PASSWORD), township=township,
                role=Role.AUTHOR)
    make_user(username="root_x", password=PASSWORD, superuser=True)
    for name in ("pub_x", "author_x", "root_x"):
        login("198.51.100.60", name, "wrong-password")
    boss = make_member(role=Role.COUNTY_ADMIN)
    client = Client()
    client.force_login(boss)
    page = client.get(reverse("admin:index")).content.decode()
    assert "特权账号登录失败" in page
    start = page.index("特权账号登录失败")
    desk = page[start:page.index("</section>", start)]  # this panel only
    assert "pub_x" in desk
    assert "root_x" in desk
    assert "author_x" not in desk
    author = Client()
    author.force_login(make_member(township=township, role=Role.AUTHOR))
    assert "特权账号登录失败" not in author.get(reverse("admin:index")).content.decode()


def test_the_desk_counts_failures_among_the_logins_it_lists_not_zero_items():
    township = make_township()
    user = make_user(username="zhaolin", password=PASSWORD)
    make_member(user=user, township=township, role=Role.AUTHOR)
    login("198.51.100.4", "zhaolin", "wrong-password")
    client = login("203.0.113.8", "zhaolin", PASSWORD)
    desk = client.get(reverse("admin:index")).content.decode()
    assert '我的登录记录 <span class="desk-count">近2次登录，失败1次</span>' in desk
