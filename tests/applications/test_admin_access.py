"""Back office: who sees applicants' data, who acts, and what they get."""

import datetime
import io

import pytest
from django.urls import reverse

from applications.models import Application
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def township():
    return make_township()


@pytest.fixture
def app(township):
    return make_application(township=township, received_on=datetime.date(2024, 3, 4),
                            name="孙志强")


def _change(app):
    return reverse("admin:applications_application_change", args=[app.pk])


def _act(app, action):
    return reverse("admin:applications_application_act", args=[app.pk, action])


def test_other_townships_handler_gets_404_when_opening_application(client, app):
    other = make_member(township=make_township(), role=Role.PUBLISHER)
    client.force_login(other)
    assert client.get(_change(app)).status_code == 404
    assert client.get(_act(app, "accept")).status_code == 404
    changelist = client.get(reverse("admin:applications_application_changelist"))
    assert "孙志强" not in changelist.content.decode()


def test_non_handler_of_same_township_cannot_see_applicants_when_logged_in(client, app,
                                                                           township):
    author = make_member(township=township, role=Role.AUTHOR)
    client.force_login(author)
    assert client.get(_change(app)).status_code in (403, 404)
    assert client.get(reverse("admin:applications_application_changelist")).status_code == 403


def test_handler_sees_and_acts_when_application_is_in_own_township(client, app, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(handler)
    page = client.get(_change(app)).content.decode()
    assert "孙志强" in page
    assert "受理" in page
    response = client.post(_act(app, "accept"))
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == "accepted"


def test_action_error_shown_in_chinese_when_extension_too_long(client, app, township):
    handler = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    client.force_login(handler)
    client.post(_act(app, "accept"))
    response = client.post(_act(app, "extend"), {"days": 25, "approver": "张主任",
                                                 "reason": "检索量大", "notice_on": "2024-03-25"})
    assert response.status_code == 200
    assert Application.objects.get(pk=app.pk).extension_days == 0


def test_county_auditor_reads_but_cannot_act_when_viewing(client, app):
    auditor = make_member(role=Role.COUNTY_AUDITOR)
    client.force_login(auditor)
    assert client.get(_change(app)).status_code == 200
    assert client.post(_act(app, "accept")).status_code == 403
    assert Application.objects.get(pk=app.pk).state == "registered"


def test_registration_sets_receipt_date_when_staff_record_registered_post(client, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(handler)
    response = client.post(reverse("admin:applications_application_add"), {
        "township": township.pk, "channel": "registered_post", "submitted_on": "2024-02-28",
        "signed_on": "2024-03-04", "applicant_kind": "natural", "name": "周桂英",
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13700001111",
        "address": "清河县青石镇南村3组", "info_description": "本村2023年低保名单",
        "provision_form": "paper", "provision_channel": "post",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    app = Application.objects.get(name="周桂英")
    assert (app.received_on, app.due_on) == (datetime.date(2024, 3, 4),
                                             datetime.date(2024, 4, 1))


def test_changelist_flags_overdue_and_sorts_by_due_date_when_listed(client, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    make_application(township=township, received_on=datetime.date(2024, 3, 4))
    client.force_login(handler)
    html = client.get(reverse("admin:applications_application_changelist")
                      + "?o=8").content.decode()
    assert "答复逾期" in html


def test_reply_letter_downloads_as_docx_when_replied(client, app, township):
    import docx

    handler = make_member(township=township, role=Role.PUBLISHER)
    close(app, user=handler, outcome="r3_4_1")
    client.force_login(handler)
    response = client.get(reverse("admin:applications_application_letter", args=[app.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "孙志强" in text
    assert "政府信息不存在告知书" in text  # Art. 36 (4)
    assert app.tracking_number in text


def test_staff_edit_refused_in_chinese_when_id_number_invalid(client, app, township):
    handler = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(handler)
    data = {f: getattr(app, f) for f in (
        "applicant_kind", "name", "id_type", "contact_person", "phone", "email", "address",
        "postcode", "info_title", "info_doc_number", "info_description", "purpose",
        "provision_form", "provision_channel")}
    data.update({"id_number": "110105194912310021", "attachments-TOTAL_FORMS": "0",
                 "attachments-INITIAL_FORMS": "0", "events-TOTAL_FORMS": "0",
                 "events-INITIAL_FORMS": "0"})
    response = client.post(_change(app), data)
    assert response.status_code == 200
    assert "身份证号码校验位不正确" in response.content.decode()
    app.refresh_from_db()
    assert app.id_number == "11010519491231002X"
