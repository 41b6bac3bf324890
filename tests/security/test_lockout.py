"""Login lockout: per account and per client address, with a cool-off and an admin unlock."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.urls import reverse

from tests.factories import make_member, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Qingshi#2026ok"


def login(client, username, password):
    return client.post(reverse("admin:login"), {
        "username": username, "password": password, "next": "/admin/"})


@pytest.fixture
def staff():
    user = make_user(username="wangfang", password=PASSWORD)
    make_member(user=user, role=Role.COUNTY_AUDITOR)
    return user


def fail(client, username, times):
    for _ in range(times):
        assert login(client, username, "wrong-password").status_code in (200, 429)


def test_right_password_is_refused_after_the_account_limit(staff, settings):
    client = Client()
    fail(client, "wangfang", settings.AXES_FAILURE_LIMIT)
    response = login(client, "wangfang", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page
    assert "之后再试" in page
    assert "_auth_user_id" not in client.session


def test_lockout_page_says_when_to_retry(staff, settings):
    client = Client()
    fail(client, "wangfang", settings.AXES_FAILURE_LIMIT)
    latest = AccessAttempt.objects.latest("attempt_time").attempt_time
    from django.utils import timezone
    retry = timezone.localtime(latest + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME))
    page = login(client, "wangfang", PASSWORD).content.decode()
    assert f"{retry:%H:%M}" in page


def test_other_address_is_also_refused_for_a_locked_account(staff, settings):
    fail(Client(REMOTE_ADDR="198.51.100.7"), "wangfang", settings.AXES_FAILURE_LIMIT)
    assert login(Client(REMOTE_ADDR="203.0.113.5"), "wangfang", PASSWORD).status_code == 429


def test_login_works_again_after_the_cool_off(staff, settings):
    client = Client()
    fail(client, "wangfang", settings.AXES_FAILURE_LIMIT)
    past = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - past)
    assert login(client, "wangfang", PASSWORD).status_code == 302


def test_county_admin_unlocks_in_the_admin_and_the_unlock_is_audited(staff, settings):
    from auditlog.models import LogEntry

    fail(Client(), "wangfang", settings.AXES_FAILURE_LIMIT)
    admin = make_member(role=Role.COUNTY_ADMIN)
    office = Client()
    office.force_login(admin)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = office.post(reverse("admin:security_lockout_changelist"), {
        "action": "unlock", "_selected_action": attempts})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, actor=admin,
                                   content_type__model="accessattempt").exists()
    assert login(Client(), "wangfang", PASSWORD).status_code == 302


def test_county_auditor_cannot_unlock(staff, settings):
    fail(Client(), "wangfang", settings.AXES_FAILURE_LIMIT)
    auditor = Client()
    auditor.force_login(staff)
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    auditor.post(reverse("admin:security_lockout_changelist"), {
        "action": "unlock", "_selected_action": ids})
    assert AccessAttempt.objects.exists()


def test_an_address_is_locked_after_its_own_higher_limit(staff, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    client = Client(REMOTE_ADDR="192.0.2.10")
    for n in range(7):  # seven different accounts, one failure each: nobody locked yet
        login(client, f"someone{n}", "wrong-password")
    assert login(client, "wangfang", PASSWORD).status_code == 302
    client.logout()
    login(client, "someone8", "wrong-password")
    assert login(client, "wangfang", PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR="192.0.2.11"), "wangfang", PASSWORD).status_code == 302


def test_address_behind_trusted_proxy_is_the_forwarded_client(staff, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    bad = Client(HTTP_X_FORWARDED_FOR="192.0.2.20", **proxy)
    for n in range(3):
        login(bad, f"x{n}", "wrong-password")
    good = Client(HTTP_X_FORWARDED_FOR="192.0.2.21", **proxy)
    assert login(good, "wangfang", PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(ip_address="192.0.2.20").exists()


def test_logins_logouts_and_failures_are_recorded_with_address(staff):
    client = Client(REMOTE_ADDR="192.0.2.30")
    login(client, "wangfang", "wrong-password")
    login(client, "wangfang", PASSWORD)
    client.post(reverse("admin:logout"))
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("wangfang", "192.0.2.30")
    entry = AccessLog.objects.get()
    assert (entry.username, entry.ip_address) == ("wangfang", "192.0.2.30")
    assert entry.attempt_time
    assert entry.logout_time


def test_lockout_is_recorded(staff, settings):
    fail(Client(), "wangfang", settings.AXES_FAILURE_LIMIT)
    assert AccessFailureLog.objects.filter(username="wangfang", locked_out=True).exists()
