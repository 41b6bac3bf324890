"""Notifications never fail silently: one failure never stops the rest, every failure is
recorded and shown on the desk of the person and of the township admin, staff without an
e-mail address are listed, and the group robot (企业微信 / 钉钉) is posted to and checked."""

import base64
import datetime
import hashlib
import hmac
from io import StringIO
from urllib.parse import unquote_plus

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from signoff import chain
from tests.applications.factories import make_application
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_member, make_township
from tests.ops.conftest import FIGURES
from tests.townships.mail_backends import UNREACHABLE_DOMAIN
from tests.townships.webhook_receiver import Receiver
from townships import messaging
from townships.models import NotificationFailure, Role

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "tests.townships.mail_backends.OneTownshipUnreachable"


def _handler(township, role=Role.PUBLISHER, email=""):
    user = make_member(township=township, role=role)
    user.email = email
    user.save(update_fields=["email"])
    return user


def _township_with_overdue(domain="example.gov.cn", handlers=2):
    township = make_township()
    users = [_handler(township, email=f"h{i}-{township.slug}@{domain}") for i in range(handlers)]
    make_application(township=township, received_on=datetime.date(2024, 3, 4))  # due 04-01
    return township, users


def test_reminders_reach_the_other_townships_when_one_townships_smtp_is_unreachable(
        settings, client):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    first, _ = _township_with_overdue()
    down, down_users = _township_with_overdue(domain=UNREACHABLE_DOMAIN)
    last, _ = _township_with_overdue()  # after the failing one in the run
    admin = _handler(down, role=Role.TOWNSHIP_ADMIN, email="admin@example.gov.cn")
    out = StringIO()
    with pytest.raises(CommandError, match="发送失败 2 封"):
        call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=out)
    assert "已发送提醒邮件 5 封" in out.getvalue()  # 2 + 2 + the down township's admin
    to = [m.to[0] for m in mail.outbox]
    assert len(to) == 5
    assert sum(f"-{first.slug}@" in a for a in to) == 2
    assert sum(f"-{last.slug}@" in a for a in to) == 2  # after the failing township
    assert "admin@example.gov.cn" in to
    failures = NotificationFailure.objects.filter(township=down)
    assert sorted(f.recipient_id for f in failures) == sorted(u.pk for u in down_users)
    assert all("Connection refused" in f.error for f in failures)
    # On the desk of the person who should have been told, and of the township admin.
    client.force_login(down_users[0])
    assert "没有送达给我的通知" in client.get("/admin/").content.decode()
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "通知发送失败（本乡镇）" in page
    assert page.count("Connection refused") >= 2
    FIGURES.append(f"reminders, one township's SMTP unreachable: {len(mail.outbox)} e-mails "
                   f"sent to the other townships/people, {failures.count()} failures recorded "
                   "and on the desks")


def test_a_failure_elsewhere_is_not_on_another_townships_desk(settings, client):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    _township_with_overdue(domain=UNREACHABLE_DOMAIN)
    other = make_township()
    admin = _handler(other, role=Role.TOWNSHIP_ADMIN, email="admin2@example.gov.cn")
    with pytest.raises(CommandError):
        call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=StringIO())
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "Connection refused" not in page
    assert client.get("/admin/townships/notificationfailure/").content.decode().count(
        "Connection refused") == 0


def test_staff_without_email_are_recorded_and_listed_for_the_township_admin(client):
    township = make_township()
    nobody = _handler(township, email="")
    _handler(township, email="ok@example.gov.cn")
    admin = _handler(township, role=Role.TOWNSHIP_ADMIN, email="admin@example.gov.cn")
    author = make_member(township=township, role=Role.AUTHOR)  # no e-mail, not a handler
    make_application(township=township, received_on=datetime.date(2024, 3, 4))
    err = StringIO()
    for _run in range(2):  # the daily run does not pile up records
        call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=StringIO(),
                     stderr=err)
    assert "1 名承办人员没有邮箱" in err.getvalue()
    assert NotificationFailure.objects.filter(recipient=nobody, channel="no_address").count() == 1
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "没有登记邮箱的工作人员" in page
    assert nobody.get_full_name() in page
    assert author.get_full_name() in page


def test_signoff_notice_failure_is_recorded_and_the_others_still_go(
        settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    township = make_township()
    staff = make_staff(township=township)
    down = _handler(township, role=Role.OFFICE_HEAD, email=f"head@{UNREACHABLE_DOMAIN}")
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    with django_capture_on_commit_callbacks(execute=True):
        chain.submit(item, staff[Role.AUTHOR])
    assert [m.to for m in mail.outbox] == [[staff[Role.OFFICE_HEAD].email]]
    failure = NotificationFailure.objects.get()
    assert failure.recipient == down
    assert failure.kind == "signoff"
    assert "待审签" in failure.subject


def _signature_ok(query, secret):
    expected = base64.b64encode(hmac.new(
        secret.encode(), f"{query['timestamp']}\n{secret}".encode(), hashlib.sha256).digest())
    return unquote_plus(query["sign"]).encode() == expected or query["sign"].encode() == expected


def test_a_signoff_move_is_posted_to_the_dingtalk_robot_signed(
        django_capture_on_commit_callbacks):
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    with Receiver() as robot:
        township.webhook_kind = "dingtalk"
        township.webhook_url = robot.url + "/robot/send?access_token=t0ken"
        township.webhook_secret = "SECtest-secret"
        township.save()
        with django_capture_on_commit_callbacks(execute=True):
            chain.submit(item, staff[Role.AUTHOR])
    assert len(robot.requests) == 1
    request = robot.requests[0]
    assert request["path"] == "/robot/send"
    assert request["query"]["access_token"] == "t0ken"
    assert _signature_ok(request["query"], "SECtest-secret")
    assert request["json"]["msgtype"] == "text"
    content = request["json"]["text"]["content"]
    assert item.title in content
    assert staff[Role.OFFICE_HEAD].get_full_name() in content
    FIGURES.append(f"webhook received by the local receiver for a sign-off move: {content!r}")


def test_deadline_reminder_is_posted_to_the_wecom_robot():
    township, _ = _township_with_overdue()
    with Receiver() as robot:
        township.webhook_kind = "wecom"
        township.webhook_url = robot.url + "/cgi-bin/webhook/send?key=k1"
        township.save()
        out = StringIO()
        call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=out)
    assert "已发到工作群 1 条" in out.getvalue()
    assert robot.requests[0]["query"] == {"key": "k1"}
    assert "即将到期或已超期" in robot.requests[0]["json"]["text"]["content"]


def test_a_robot_refusing_the_message_is_recorded():
    township = make_township()
    with Receiver(answer={"errcode": 310000, "errmsg": "sign not match"}) as robot:
        township.webhook_kind = "dingtalk"
        township.webhook_url = robot.url + "/robot/send?access_token=x"
        township.save()
        assert messaging.post_webhook(township, "测试", kind="test") is False
    failure = NotificationFailure.objects.get(township=township)
    assert failure.channel == "webhook"
    assert "310000" in failure.error


def test_an_unreachable_robot_is_recorded_and_mail_still_goes(settings):
    settings.WEBHOOK_TIMEOUT = 2
    township, _ = _township_with_overdue()
    township.webhook_kind = "wecom"
    township.webhook_url = "http://127.0.0.1:9/cgi-bin/webhook/send?key=x"  # discard port
    township.save()
    with pytest.raises(CommandError, match="工作群发送失败 1 条"):
        call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=StringIO())
    assert len(mail.outbox) == 2
    assert NotificationFailure.objects.filter(channel="webhook").count() == 1


def test_webhook_test_command():
    township = make_township()
    with pytest.raises(CommandError, match="没有设置群机器人"):
        call_command("test_webhook", township.slug)
    with Receiver() as robot:
        township.webhook_kind = "wecom"
        township.webhook_url = robot.url + "/send?key=k"
        township.save()
        out = StringIO()
        call_command("test_webhook", township.slug, stdout=out)
    assert "已发送" in out.getvalue()
    assert "【测试】" in robot.requests[0]["json"]["text"]["content"]


def test_signed_url_matches_the_dingtalk_recipe():
    url = messaging.signed_url("https://oapi.dingtalk.com/robot/send?access_token=a", "SECx",
                               now_ms=1700000000000)
    digest = hmac.new(b"SECx", b"1700000000000\nSECx", hashlib.sha256).digest()
    assert url.endswith("&timestamp=1700000000000&sign="
                        + base64.b64encode(digest).decode().replace("+", "%2B")
                        .replace("/", "%2F").replace("=", "%3D"))


def test_robot_credentials_are_shown_only_to_those_who_manage_the_township(client):
    township = make_township()
    township.webhook_kind = "dingtalk"
    township.webhook_url = "https://oapi.dingtalk.com/robot/send?access_token=secret-token"
    township.webhook_secret = "SECvery-secret"
    township.save()
    url = f"/admin/townships/township/{township.pk}/change/"
    client.force_login(_handler(township, role=Role.TOWNSHIP_ADMIN, email="a@example.gov.cn"))
    page = client.get(url).content.decode()
    assert "SECvery-secret" in page
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=township.county)
    client.force_login(auditor)
    response = client.get(url)
    assert response.status_code == 200
    assert "SECvery-secret" not in response.content.decode()
    assert "secret-token" not in response.content.decode()
