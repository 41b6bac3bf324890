"""Rate limits count accepted applications and failed lookups per real client address,
never junk posts, and say in Chinese when to try again."""

import datetime
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import antispam
from applications.models import Application
from tests.applications.factories import VALID_ID, make_application
from tests.factories import make_township

pytestmark = pytest.mark.django_db


def token():
    return signing.dumps({"t": int(time.time()) - 60, "q": 0}, salt=antispam.SALT)


def application(**overrides):
    data = {
        "applicant_kind": "natural", "name": "陈晓红", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "", "address": "东街12号",
        "postcode": "", "info_title": "", "info_doc_number": "",
        "info_description": "东坪村道路硬化工程的招标公告", "purpose": "",
        "provision_form": "paper", "provision_channel": "post", "contact_person": "",
        "token": token(), "answer": "7", "website": "",
    }
    return data | overrides


@pytest.fixture
def township():
    return make_township()


def test_junk_posts_do_not_block_a_real_applicant(township, settings):
    settings.APPLY_LIMIT_PER_HOUR = 2
    url = reverse("applications:apply", args=[township.slug])
    junk = Client(REMOTE_ADDR="192.0.2.70")
    for body in ({}, {"name": "x" * 5000}, application(answer="wrong"),
                 application(website="http://spam"), application(token="forged")) * 10:
        assert junk.post(url, body).status_code == 200
    assert not Application.objects.exists()
    real = Client(REMOTE_ADDR="192.0.2.70")
    assert real.post(url, application()).status_code == 302
    assert Application.objects.count() == 1


def test_limit_is_per_client_address_behind_the_trusted_proxy(township, settings):
    settings.APPLY_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    url = reverse("applications:apply", args=[township.slug])
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.71")
    assert first.post(url, application()).status_code == 302
    assert first.post(url, application()).status_code == 429
    spoofing = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.71")
    assert spoofing.post(url, application()).status_code == 429  # left-most hop is ignored
    neighbour = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.72")
    assert neighbour.post(url, application()).status_code == 302


def test_limited_page_says_when_to_try_again(township, settings):
    settings.APPLY_LIMIT_PER_HOUR = 1
    url = reverse("applications:apply", args=[township.slug])
    client = Client()
    client.post(url, application())
    before = timezone.localtime()
    html = client.post(url, application()).content.decode()
    retry = before + datetime.timedelta(hours=1)
    assert any(f"{retry + datetime.timedelta(minutes=d):%H:%M}" in html for d in (-1, 0, 1))
    assert "之后再提交" in html


def test_failed_lookups_are_limited_but_successful_ones_are_not(settings):
    settings.LOOKUP_FAILURE_LIMIT_PER_HOUR = 3
    app = make_application(township=make_township(), phone="13800138000")
    url = reverse("applications:status", args=[app.township.slug])
    client = Client(REMOTE_ADDR="192.0.2.73")
    right = {"tracking_number": app.tracking_number, "phone": "13800138000"}
    for _ in range(10):
        assert client.post(url, right).status_code == 200
    for _ in range(10):  # incomplete forms are junk: not counted
        client.post(url, {"tracking_number": "", "phone": ""})
    for _ in range(3):
        client.post(url, {"tracking_number": "ZZZZZZZZZZ", "phone": "13900000000"})
    response = client.post(url, right)
    assert response.status_code == 429
    assert "之后再试" in response.content.decode()
    assert "登记" not in response.content.decode().split("<main")[1].split("<form")[0]
    other = Client(REMOTE_ADDR="192.0.2.74")
    assert other.post(url, right).status_code == 200


def test_limits_live_in_the_shared_cache(township, settings):
    from django.core.cache import cache

    settings.APPLY_LIMIT_PER_HOUR = 5
    Client(REMOTE_ADDR="192.0.2.75").post(
        reverse("applications:apply", args=[township.slug]), application())
    assert cache.get("ratelimit:apply:192.0.2.75:count") == 1
