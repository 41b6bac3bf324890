"""Written notices (DOMAIN.md rule 37): 补正告知书, 延期答复告知书, 征求第三方意见书."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import transitions
from applications.models import Notice, NoticeCode
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2026-12-06"))


def text_of(data: bytes) -> str:
    """The first page's header (letterhead and 文号) and every paragraph of the body."""
    import docx

    document = docx.Document(io.BytesIO(data))
    header = [p.text for p in document.sections[0].first_page_header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs])


def test_each_kind_is_issued_by_its_step_and_numbered_per_kind_and_year(town, clerk):
    first = make_application(township=town, received_on=D("2026-11-02"))
    transitions.request_correction(first.pk, user=clerk, notice_on=D("2026-11-04"),
                                   correct_by=D("2026-11-20"), note="请写明所需文件的年份。")
    second = make_application(township=town, received_on=D("2026-11-03"))
    transitions.request_correction(second.pk, user=clerk, notice_on=D("2026-11-05"),
                                   correct_by=D("2026-11-20"))
    third = make_application(township=town, received_on=D("2026-11-09"))
    transitions.accept(third.pk, user=clerk)
    transitions.start_consultation(third.pk, user=clerk, notice_on=D("2026-11-10"),
                                   third_party_name="青岭建筑工程有限公司")
    transitions.extend(third.pk, user=clerk, days=20, approver="张主任",
                       reason="需要调取多年度档案", notice_on=D("2026-11-12"))
    other = make_application(township=town, received_on=D("2026-11-09"))
    transitions.accept(other.pk, user=clerk)
    transitions.start_consultation(other.pk, user=clerk, notice_on=D("2026-11-10"),
                                   third_party=False)  # another agency: no letter to it
    code = town.letter_code[:-1]
    assert list(Notice.objects.order_by("id").values_list("kind", "number")) == [
        ("correction", f"{code}补〔2026〕1号"), ("correction", f"{code}补〔2026〕2号"),
        ("third_party", f"{code}征〔2026〕1号"), ("extension", f"{code}延〔2026〕1号")]
    NoticeCode.objects.create(township=town, kind="correction", code="青石政补字")
    fourth = make_application(township=town, received_on=D("2026-11-16"))
    transitions.request_correction(fourth.pk, user=clerk, notice_on=D("2026-11-17"),
                                   correct_by=D("2026-11-30"))
    assert fourth.notices.get().number == "青石政补字〔2026〕3号"


def test_notice_documents_carry_number_date_legal_basis_and_facts(client, town, clerk):
    app = make_application(township=town, received_on=D("2026-11-02"))
    transitions.request_correction(app.pk, user=clerk, notice_on=D("2026-11-04"),
                                   correct_by=D("2026-11-20"), note="请写明所需文件的年份。")
    notice = app.notices.get()
    client.force_login(clerk)
    page = client.get(reverse("admin:applications_application_change", args=[app.pk])
                      ).content.decode()
    url = reverse("admin:applications_application_notice", args=[app.pk, notice.pk])
    assert url in page
    assert notice.number in page
    text = text_of(client.get(url).content)
    for expected in (notice.number, "补正告知书", "第三十条", "请写明所需文件的年份",
                     "2026年11月20日", "2026年11月4日", "视为放弃申请", app.tracking_number):
        assert expected in text, expected
    other = make_township()
    stranger = make_member(township=other, role=Role.PUBLISHER)
    client.force_login(stranger)
    assert client.get(url).status_code in (302, 403, 404)


def test_third_party_and_extension_letters(client, town, clerk):
    app = make_application(township=town, received_on=D("2026-11-02"))
    transitions.accept(app.pk, user=clerk)
    transitions.start_consultation(app.pk, user=clerk, notice_on=D("2026-11-03"),
                                   third_party_name="青岭建筑工程有限公司")
    transitions.end_consultation(app.pk, user=clerk, on=D("2026-11-10"))
    transitions.extend(app.pk, user=clerk, days=20, approver="张主任",
                       reason="需要调取多年度档案", notice_on=D("2026-11-12"))
    client.force_login(clerk)
    texts = {n.kind: text_of(client.get(reverse(
        "admin:applications_application_notice", args=[app.pk, n.pk])).content)
        for n in app.notices.all()}
    assert "青岭建筑工程有限公司" in texts["third_party"]
    assert "第三十二条" in texts["third_party"]
    assert "15个工作日" in texts["third_party"]
    assert "王建国" not in texts["third_party"]  # the applicant is not named to the third party
    assert "第三十三条" in texts["extension"]
    assert "延长20个工作日" in texts["extension"]
    app.refresh_from_db()
    due = f"{app.due_on.year}年{app.due_on.month}月{app.due_on.day}日"
    assert due in texts["extension"]
