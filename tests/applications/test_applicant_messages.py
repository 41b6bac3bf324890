"""The applicant is told by e-mail and SMS when the case's status changes."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from applications import transitions
from tests.applications.factories import make_application
from townships.models import NotificationFailure

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def today(monkeypatch, settings):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2026-12-06"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_DOMAIN = "www.qinghe.gov.cn"


class Gateway:
    """A local HTTP SMS gateway recording what it was sent; `answer` is its reply."""

    def __init__(self):
        self.received, self.answer, self.status = [], {"code": 0}, 200
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append((self.headers.get("Authorization"), json.loads(body)))
                self.send_response(gateway.status)
                self.end_headers()
                self.wfile.write(json.dumps(gateway.answer).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    server = Gateway()
    settings.SMS_BACKEND = "townships.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = server.url
    settings.SMS_GATEWAY_TOKEN = "test-token"
    settings.SMS_SIGN_NAME = "清河县政务公开"
    yield server
    server.close()


def test_each_status_change_is_mailed_and_texted_to_the_applicant(
        town, clerk, gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        app = make_application(township=town, received_on=D("2026-11-02"),
                               email="zhao@example.com", phone="13800138000")
    steps = [
        lambda: transitions.accept(app.pk, user=clerk),  # not a status the applicant is told
        lambda: transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-11-03"),
                                               third_party_name="青岭建筑工程有限公司"),
        lambda: transitions.end_consultation(app.pk, user=clerk, on=D("2026-11-10")),
        lambda: transitions.extend(app.pk, user=clerk, days=20, approver="张主任",
                                   reason="需要调取多年度档案", notice_on=D("2026-11-12")),
        lambda: transitions.reply(app.pk, user=clerk, outcome="r3_1", text="现予公开。",
                                  on=D("2026-11-20")),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
    app.refresh_from_db()
    texts = [m.body for m in mail.outbox]
    assert len(texts) == 5
    assert [m.to for m in mail.outbox] == [["zhao@example.com"]] * 5
    for expected, text in zip(["已于2026年11月2日收到", "正在征求意见", "征求意见已结束",
                               "答复期限延长至", app.letter_no], texts, strict=True):
        assert expected in text
        assert app.tracking_number in text
        assert "https://www.qinghe.gov.cn/xxgk/" in text
    for text in texts:
        assert "青岭建筑" not in text  # nothing about the request or third parties
        assert "高标准农田" not in text
    assert f"【{town.full_name}】" in mail.outbox[0].subject
    assert len(gateway.received) == 5
    assert {auth for auth, _payload in gateway.received} == {"Bearer test-token"}
    assert [p["to"] for _auth, p in gateway.received] == ["13800138000"] * 5
    assert gateway.received[-1][1]["sign"] == "清河县政务公开"
    assert app.letter_no in gateway.received[-1][1]["text"]
    assert not NotificationFailure.objects.exists()


def test_correction_message_and_no_sms_without_gateway(town, clerk,
                                                       django_capture_on_commit_callbacks):
    app = make_application(township=town, received_on=D("2026-11-02"), email="a@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.request_correction(app.pk, user=clerk, notice_on=D("2026-11-03"),
                                       correct_by=D("2026-11-20"))
    assert len(mail.outbox) == 1
    assert "需要补正，请于2026年11月20日前" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        transitions.receive_correction(app.pk, user=clerk, received_on=D("2026-11-05"))
    assert "已收到补正" in mail.outbox[1].body
    assert not NotificationFailure.objects.exists()


def test_no_email_given_no_mail_and_failures_recorded_masked(
        town, clerk, gateway, settings, django_capture_on_commit_callbacks):
    app = make_application(township=town, received_on=D("2026-11-02"), phone="13800138000")
    gateway.answer = {"code": 4001, "message": "签名未报备"}
    with django_capture_on_commit_callbacks(execute=True):
        transitions.accept(app.pk, user=clerk)
        transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-11-03"))
    assert mail.outbox == []
    failure = NotificationFailure.objects.get()
    assert failure.channel == "sms"
    assert failure.township == town
    assert failure.address == "138****8000"
    assert "4001" in failure.error
    settings.EMAIL_BACKEND = "tests.applications.test_applicant_messages.BrokenBackend"
    app.email = "zhao@example.com"
    app.save(update_fields=["email"])
    gateway.answer = {"code": 0}
    with django_capture_on_commit_callbacks(execute=True):
        transitions.end_consultation(app.pk, user=clerk, on=D("2026-11-05"))
    mail_failure = NotificationFailure.objects.get(channel="email")
    assert mail_failure.address == "z***@example.com"
    assert "SMTP down" in mail_failure.error
    assert len(gateway.received) == 2  # the SMS still went out


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP down")


class RefusingBackend:
    """A relay that refuses the recipient; smtplib's error quotes the address."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib
        raise smtplib.SMTPRecipientsRefused(
            {messages[0].to[0]: (550, b"5.1.1 mailbox unavailable")})


def test_a_refused_address_is_not_kept_in_the_failure_record(
        town, clerk, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.applications.test_applicant_messages.RefusingBackend"
    app = make_application(township=town, received_on=D("2026-11-02"),
                           email="zhang.san@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.accept(app.pk, user=clerk)
        transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-11-03"))
    failure = NotificationFailure.objects.get(channel="email")
    assert "550" in failure.error
    assert "zhang.san@example.com" not in failure.error
    assert failure.address in failure.error
