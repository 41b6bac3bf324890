"""Identity and phone numbers: full for the handling township staff, masked for the county
(with a recorded reveal), never in full in lists, letters or the audit log."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from applications.masking import mask_id_number, mask_phone
from tests.applications.factories import VALID_ID, close, make_application
from tests.factories import make_member, make_township, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db
PHONE = "13812345678"
MASKED_ID = "110105********002X"
MASKED_PHONE = "138****5678"


@pytest.fixture
def township():
    return make_township()


@pytest.fixture
def app(township):
    return make_application(township=township, received_on=datetime.date(2024, 3, 4),
                            name="孙志强", phone=PHONE)


def change_url(app):
    return reverse("admin:applications_application_change", args=[app.pk])


def reveal_url(app):
    return reverse("admin:applications_application_reveal", args=[app.pk])


def logged_in(user, address="192.0.2.50"):
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def test_masks_keep_the_documented_shape():
    assert mask_id_number(VALID_ID) == MASKED_ID
    assert mask_phone(PHONE) == MASKED_PHONE
    assert mask_phone("0371-12345678") == "0371-****5678"


def test_handler_sees_full_numbers_and_the_view_is_recorded(app, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    page = logged_in(handler).get(change_url(app)).content.decode()
    assert VALID_ID in page
    assert PHONE in page
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(app.pk))
    assert entry.actor == handler
    assert entry.remote_addr == "192.0.2.50"
    assert "证件号码" in entry.changes_str


@pytest.mark.parametrize("role", [Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN])
def test_county_roles_see_masked_numbers(app, role):
    page = logged_in(make_member(role=role)).get(change_url(app)).content.decode()
    assert VALID_ID not in page
    assert PHONE not in page
    assert MASKED_ID in page
    assert MASKED_PHONE in page
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_platform_operator_sees_masked_numbers(app):
    page = logged_in(make_user(superuser=True)).get(change_url(app)).content.decode()
    assert VALID_ID not in page
    assert MASKED_ID in page


def test_county_auditor_reveals_one_number_with_a_recorded_reason(app):
    auditor = make_member(role=Role.COUNTY_AUDITOR)
    client = logged_in(auditor, "192.0.2.60")
    form = client.get(reveal_url(app) + "?field=phone").content.decode()
    assert PHONE not in form
    page = client.post(reveal_url(app), {"field": "phone", "reason": "核实申请人身份以处理投诉"})
    html = page.content.decode()
    assert PHONE in html
    assert VALID_ID not in html
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(app.pk))
    assert (entry.actor, entry.remote_addr) == (auditor, "192.0.2.60")
    assert "核实申请人身份以处理投诉" in entry.changes_str
    assert "联系电话" in entry.changes_str


def test_reveal_without_a_reason_shows_nothing_and_records_nothing(app):
    client = logged_in(make_member(role=Role.COUNTY_ADMIN))
    html = client.post(reveal_url(app), {"field": "id_number", "reason": ""}).content.decode()
    assert VALID_ID not in html
    assert "此字段是必填项" in html or "必填" in html
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_other_township_staff_cannot_reveal(app):
    other = make_member(township=make_township(), role=Role.PUBLISHER)
    response = logged_in(other).post(reveal_url(app), {"field": "phone", "reason": "想看看号码"})
    assert response.status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_changelist_never_shows_numbers(app, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    html = logged_in(handler).get(
        reverse("admin:applications_application_changelist")).content.decode()
    assert "孙志强" in html
    assert VALID_ID not in html
    assert PHONE not in html


def test_reply_letter_never_carries_numbers(app, township):
    import docx

    handler = make_member(township=township, role=Role.PUBLISHER)
    close(app, user=handler, outcome="r3_1")
    response = logged_in(handler).get(
        reverse("admin:applications_application_letter", args=[app.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert VALID_ID not in text
    assert PHONE not in text


def test_audit_log_masks_numbers_of_a_change(app, township):
    app.phone = "13998765432"
    app.save()
    entry = LogEntry.objects.filter(object_pk=str(app.pk),
                                    action=LogEntry.Action.UPDATE).latest("timestamp")
    text = str(entry.changes)
    assert "13998765432" not in text
    assert PHONE not in text
    assert "139****5432" in text
    created = LogEntry.objects.get(object_pk=str(app.pk), action=LogEntry.Action.CREATE,
                                   content_type__model="application")
    assert VALID_ID not in str(created.changes)
    assert PHONE not in str(created.changes)
