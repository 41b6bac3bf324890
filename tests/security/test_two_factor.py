"""Two-factor authentication: required for privileged roles in production mode, optional
for others, recovery codes, county-admin reset (audited), demo exemption refused in
production."""

import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_member, make_township, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Shuiyun#Kite-47"


@pytest.fixture
def production(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.TWO_FACTOR_DEMO_EXEMPT = False


def password_login(username):
    client = Client()
    response = client.post(reverse("admin:login"), {
        "username": username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, "the password itself is right"
    return client


def account(role):
    if role == "superuser":
        return make_user(username="root1", password=PASSWORD, superuser=True)
    user = make_user(username=f"u_{role}", password=PASSWORD)
    township = None if role in (Role.COUNTY_ADMIN, Role.COUNTY_AUDITOR) else make_township()
    make_member(user=user, township=township, role=role)
    return user


def code(device, drift=0):
    """The authenticator's code; drift=1 is the next one (a code is accepted only once)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


PRIVILEGED = ["superuser", Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.PUBLISHER]
ADMIN_PAGES = ["/admin/", "/admin/townships/user/", "/admin/disclosure/disclosureitem/"]


@pytest.mark.parametrize("role", PRIVILEGED)
def test_password_alone_cannot_reach_the_admin_for_a_privileged_role(production, role):
    user = account(role)
    client = password_login(user.username)
    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("security:otp_setup")), page
    # Setting up the authenticator is the way in.
    setup = client.get(reverse("security:otp_setup") + "?next=/admin/")
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("security:otp_setup"), {"token": code(device), "next": "/admin/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    # Next time: password, then the code is asked for.
    again = password_login(user.username)
    assert again.get("/admin/")["Location"].startswith(reverse("security:otp_verify"))
    wrong = again.post(reverse("security:otp_verify"), {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    assert "不正确" in wrong.content.decode()
    assert again.get("/admin/").status_code == 302
    # A recovery code works once.
    assert again.post(reverse("security:otp_verify"),
                      {"token": codes[0], "next": "/admin/"}).status_code == 302
    assert again.get("/admin/").status_code == 200
    third = password_login(user.username)
    third.post(reverse("security:otp_verify"), {"token": codes[0], "next": "/admin/"})
    assert third.get("/admin/").status_code == 302


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.COUNTY_AUDITOR])
def test_other_roles_may_but_need_not_use_it(production, role):
    user = account(role)
    client = password_login(user.username)
    assert client.get("/admin/").status_code == 200
    client.get(reverse("security:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("security:otp_setup"), {"token": code(device)})
    again = password_login(user.username)
    assert again.get("/admin/").status_code == 302  # turned on: now asked every time


def test_not_required_when_off_or_demo_exempt(settings):
    publisher = account(Role.PUBLISHER)
    settings.TWO_FACTOR_REQUIRED = False
    assert password_login(publisher.username).get("/admin/").status_code == 200
    settings.TWO_FACTOR_REQUIRED = True
    settings.TWO_FACTOR_DEMO_EXEMPT = True
    desk = password_login(publisher.username).get("/admin/")
    assert desk.status_code == 200
    assert "演示豁免" in desk.content.decode()


def test_county_admin_resets_a_users_device_and_it_is_audited(production):
    from auditlog.models import LogEntry

    publisher = account(Role.PUBLISHER)
    client = password_login(publisher.username)
    client.get(reverse("security:otp_setup"))
    device = TOTPDevice.objects.get(user=publisher)
    client.post(reverse("security:otp_setup"), {"token": code(device)})
    assert StaticDevice.objects.filter(user=publisher).exists()
    boss = make_member(role=Role.COUNTY_ADMIN)
    office = Client()
    office.force_login(boss)
    from django_otp.plugins.otp_totp.models import TOTPDevice as Device
    boss_device = Device.objects.create(user=boss, name="b", confirmed=True)
    session = office.session
    session["otp_device_id"] = boss_device.persistent_id
    session.save()
    response = office.post(reverse("admin:security_twofactordevice_changelist"), {
        "action": "reset_two_factor", "_selected_action": [device.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=publisher).exists()
    assert not StaticDevice.objects.filter(user=publisher).exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, actor=boss,
                                   content_type__model="totpdevice").exists()
    # The publisher sets up a new authenticator at the next login.
    assert password_login(publisher.username).get("/admin/")["Location"].startswith(
        reverse("security:otp_setup"))


def test_county_auditor_cannot_reset(production):
    publisher = account(Role.PUBLISHER)
    device = TOTPDevice.objects.create(user=publisher, name="x", confirmed=True)
    auditor = Client()
    auditor.force_login(account(Role.COUNTY_AUDITOR))
    auditor.post(reverse("admin:security_twofactordevice_changelist"), {
        "action": "reset_two_factor", "_selected_action": [device.pk]})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_next_must_stay_on_this_site(production):
    user = account(Role.PUBLISHER)
    client = password_login(user.username)
    client.get(reverse("security:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("security:otp_setup"), {"token": code(device)})
    again = password_login(user.username)
    response = again.post(reverse("security:otp_verify"),
                          {"token": code(device, drift=1), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_production_refuses_the_demo_exemption():
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "TWO_FACTOR_DEMO_EXEMPT": "1",
           "SECURE_COOKIES": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", "import django, os;"
                             "os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
                             "django.setup()"], env=env, capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode != 0
    assert "TWO_FACTOR_DEMO_EXEMPT" in result.stderr
    env["SECURE_COOKIES"] = "0"  # `make run`: local plain http
    ok = subprocess.run([sys.executable, "-c", "import django, os;"
                         "os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
                         "django.setup()"], env=env, capture_output=True, text=True,
                        check=False, timeout=120)
    assert ok.returncode == 0, ok.stderr
