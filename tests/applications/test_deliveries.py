"""送达 (delivery) of notices and reply letters, and the applicant's copies by query code."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from applications import deliveries, transitions
from applications.models import Delivery
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2026-12-06"))


@pytest.fixture
def case(town, clerk):
    """Corrected, consulted with a third party, extended and answered."""
    app = make_application(township=town, received_on=D("2026-10-12"), name="赵丽娟")
    transitions.request_correction(app.pk, user=clerk, notice_on=D("2026-10-13"),
                                   correct_by=D("2026-10-23"), note="请写明年份。")
    transitions.receive_correction(app.pk, user=clerk, received_on=D("2026-10-16"))
    transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-10-19"),
                                   third_party_name="青岭建筑工程有限公司")
    transitions.end_consultation(app.pk, user=clerk, on=D("2026-10-26"))
    transitions.extend(app.pk, user=clerk, days=10, approver="张主任",
                       reason="需要调取多年度档案", notice_on=D("2026-10-28"))
    transitions.reply(app.pk, user=clerk, outcome="r3_1", text="现将验收报告提供给您。",
                      on=D("2026-11-20"))
    app.refresh_from_db()
    return app


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    header = [p.text for p in document.sections[0].first_page_header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs])


def key_of(app, kind):
    return f"notice-{app.notices.get(kind=kind).pk}"


def test_staff_record_a_posted_delivery_listed_logged_and_audited(client, case, clerk):
    client.force_login(clerk)
    url = reverse("admin:applications_application_delivery", args=[case.pk])
    key = key_of(case, "correction")
    answer = client.post(url, {"document": key, "method": "post",
                               "delivered_on": "2026-10-15", "tracking_no": "EMS1187392651"})
    assert answer.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.notice == case.notices.get(kind="correction")
    assert delivery.recorded_by == clerk
    page = client.get(reverse("admin:applications_application_change", args=[case.pk])
                      ).content.decode()
    assert "EMS1187392651" in page
    assert "邮寄送达" in page
    event = case.events.get(action="record_delivery")
    assert "邮寄送达" in event.note
    # The tracking number stays on the delivery record, which anonymisation reaches.
    assert "EMS1187392651" not in event.note
    assert event.actor == clerk
    assert LogEntry.objects.get_for_object(delivery).filter(actor=clerk).count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"method": "post", "delivered_on": "2026-10-15"}, "须填写邮件号"),
    ({"method": "online", "delivered_on": "2026-12-07"}, "不能晚于今天"),
    ({"method": "in_person", "delivered_on": "2026-10-12"}, "不能早于补正告知书落款日期"),
    ({"method": "other", "delivered_on": "2026-10-15"}, "请在说明中写明"),
])
def test_bad_deliveries_refused_with_the_rule_broken_and_nothing_saved(client, case, clerk,
                                                                       data, message):
    client.force_login(clerk)
    url = reverse("admin:applications_application_delivery", args=[case.pk])
    answer = client.post(url, {"document": key_of(case, "correction"), **data})
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert not Delivery.objects.exists()
    assert not case.events.filter(action="record_delivery").exists()


def test_other_township_staff_cannot_record(client, case):
    stranger = make_member(township=make_township(), role=Role.PUBLISHER)
    client.force_login(stranger)
    url = reverse("admin:applications_application_delivery", args=[case.pk])
    answer = client.post(url, {"document": "letter", "method": "online",
                               "delivered_on": "2026-11-20"})
    assert answer.status_code in (302, 403, 404)
    assert not Delivery.objects.exists()


def lookup(client, app, phone="13800138000"):
    url = reverse("applications:status", args=[app.township.slug])
    return client.post(url, {"tracking_number": app.tracking_number, "phone": phone})


def test_applicant_downloads_delivered_letter_with_query_code(client, case, clerk, settings):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"  # no LibreOffice: the Word file
    deliveries.record(case.pk, user=clerk, document="letter", method="online",
                      delivered_on=D("2026-11-20"))
    letter_url = reverse("applications:document", args=[case.township.slug, "letter"])
    third = reverse("applications:document",
                    args=[case.township.slug, key_of(case, "third_party")])
    assert client.get(letter_url).status_code == 404  # no query code yet
    assert lookup(client, case, phone="13900000000").status_code == 200
    assert client.get(letter_url).status_code == 404  # wrong phone opens nothing
    html = lookup(client, case).content.decode()
    assert letter_url in html
    assert "网上送达" in html
    assert "2026年11月20日" in html
    assert case.notices.get(kind="extension").number in html
    assert "青岭建筑工程有限公司" not in html
    assert third not in html  # the third party's letter is not the applicant's
    answer = client.get(letter_url)
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith('.docx"')
    assert "no-store" in answer["Cache-Control"]
    text = docx_text(answer.content)
    assert case.letter_no in text
    assert "赵丽娟" in text
    assert client.get(third).status_code == 404
    correction = client.get(reverse("applications:document",
                                    args=[case.township.slug, key_of(case, "correction")]))
    assert "第三十条" in docx_text(correction.content)


def test_download_link_expires_and_never_opens_another_case(client, case, clerk, town,
                                                            monkeypatch):
    other = make_application(township=town, received_on=D("2026-11-02"), phone="13700137000")
    transitions.request_correction(other.pk, user=clerk, notice_on=D("2026-11-03"),
                                   correct_by=D("2026-11-20"))
    lookup(client, case)
    foreign = reverse("applications:document", args=[town.slug, key_of(other, "correction")])
    assert client.get(foreign).status_code == 404
    from applications import views

    monkeypatch.setattr(views.time, "time", lambda: 10**10)
    letter_url = reverse("applications:document", args=[town.slug, "letter"])
    assert client.get(letter_url).status_code == 404


def test_notice_row_links_to_its_delivery_form_preselected(client, case, clerk):
    client.force_login(clerk)
    page = client.get(reverse("admin:applications_application_change", args=[case.pk])
                      ).content.decode()
    key = key_of(case, "extension")
    url = reverse("admin:applications_application_delivery", args=[case.pk]) + f"?doc={key}"
    assert url in page
    form = client.get(url).content.decode()
    assert f'value="{key}" selected' in form
    assert case.letter_no in form  # the reply letter can be chosen too


@pytest.mark.skipif(not __import__("officialdocs").available(), reason="LibreOffice missing")
def test_applicant_gets_pdf_where_libreoffice_is_installed(client, case):
    lookup(client, case)
    answer = client.get(reverse("applications:document",
                                args=[case.township.slug, key_of(case, "extension")]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert answer["Content-Disposition"].endswith('.pdf"')


def test_downloads_per_address_are_limited(client, case, settings):
    from applications import antispam

    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    lookup(client, case)
    url = reverse("applications:document", args=[case.township.slug, "letter"])
    for _ in range(antispam.DOCUMENT_DOWNLOADS_PER_HOUR):
        assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429
    assert "下载次数过多" in refused.content.decode()
