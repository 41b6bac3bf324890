"""Login lockout: per (account, client) pair and per client, a growing delay and a far-off
account lock for unknown clients, with a cool-off and an admin unlock."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import F
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


def test_a_pair_lock_does_not_lock_the_account_from_another_address(staff, settings):
    fail(Client(REMOTE_ADDR="198.51.100.7"), "wangfang", settings.AXES_FAILURE_LIMIT)
    assert login(Client(REMOTE_ADDR="198.51.100.7"), "wangfang", PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR="203.0.113.5"), "wangfang", PASSWORD).status_code == 302


OWNER = "203.0.113.9"


def owner_logs_in():
    client = Client(REMOTE_ADDR=OWNER)
    response = login(client, "wangfang", PASSWORD)
    return response.status_code, "_auth_user_id" in client.session


def rotate(times, password="wrong-password"):  # noqa: S107
    codes = []
    for n in range(times):
        address = f"198.18.{n // 250}.{n % 250 + 1}"
        codes.append(login(Client(REMOTE_ADDR=address), "wangfang", password).status_code)
    return codes


@pytest.mark.parametrize("guesses", [5, 20, 100])
def test_guesses_from_rotating_addresses_do_not_lock_the_owner_out(staff, guesses):
    assert owner_logs_in() == (302, True)  # the owner's usual address
    codes = rotate(guesses)
    assert set(codes) <= {200, 429}
    assert owner_logs_in() == (302, True)


def test_a_hundred_counted_failures_still_let_the_owner_in(staff, settings):
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 0  # every guess reaches the password check
    assert owner_logs_in() == (302, True)
    assert rotate(100) == [200] * 100
    assert AccessFailureLog.objects.filter(username="wangfang").count() == 100
    assert owner_logs_in() == (302, True)


def test_a_hundred_guesses_from_one_address_are_blocked(staff, settings):
    client = Client(REMOTE_ADDR="198.18.7.7")
    codes = [login(client, "wangfang", "wrong-password").status_code for _ in range(100)]
    assert codes[:settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(codes[settings.AXES_FAILURE_LIMIT:]) == {429}
    assert AccessFailureLog.objects.count() == settings.AXES_FAILURE_LIMIT  # the rest never checked
    assert login(client, "wangfang", PASSWORD).status_code == 429
    assert owner_logs_in() == (302, True)


def test_an_ipv6_64_is_one_client(staff, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"), "wangfang", "wrong-password")
    same_64 = Client(REMOTE_ADDR="2001:db8:1:2:ffff::1")
    assert login(same_64, "wangfang", PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR="2001:db8:1:3::1"), "wangfang", PASSWORD).status_code == 302


def test_unknown_clients_wait_a_growing_delay(staff, settings):
    from security.lockout import slowdown_seconds

    settings.LOGIN_SLOWDOWN_AFTER = 3
    assert [slowdown_seconds(n) for n in (2, 3, 4, 5, 20)] == [0, 1, 2, 4, 60]
    assert owner_logs_in() == (302, True)
    rotate(3)
    response = login(Client(REMOTE_ADDR="198.51.100.200"), "wangfang", PASSWORD)
    assert response.status_code == 429
    assert "每次尝试之间需等待片刻" in response.content.decode()
    assert owner_logs_in() == (302, True)  # a known client does not wait
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(seconds=2))
    assert login(Client(REMOTE_ADDR="198.51.100.200"), "wangfang", PASSWORD).status_code == 302


def test_account_lock_far_above_the_pair_limit_tells_county_admin_and_owner(staff, settings):
    from django.core import mail

    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 0
    settings.LOGIN_ACCOUNT_LOCK_LIMIT = 12
    staff.email = "wangfang@example.cn"
    staff.save()
    boss = make_user(username="boss")
    boss.email = "boss@example.cn"
    boss.save()
    make_member(user=boss, role=Role.COUNTY_ADMIN)
    assert owner_logs_in() == (302, True)
    rotate(12)
    assert sorted(m.to[0] for m in mail.outbox) == ["boss@example.cn", "wangfang@example.cn"]
    assert "wangfang" in mail.outbox[0].subject
    response = login(Client(REMOTE_ADDR="198.51.100.201"), "wangfang", PASSWORD)
    assert response.status_code == 429
    assert "已暂停从未登录过的网络登录该账号" in response.content.decode()
    assert owner_logs_in() == (302, True)
    rotate(3)
    assert len(mail.outbox) == 2  # told once


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
