"""A report sent back keeps its earlier versions; signers see what changed and the whole report."""

import pytest
from django.urls import reverse

from reports.models import ReportVersion
from reports.subjects import ReportSubject
from signoff import chain
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db


def _sent_back_and_corrected():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = make_report(township=township, year=2024,
                         section_5="<p>部分站所报送信息不够及时。</p>")
    report.created_by = staff[Role.AUTHOR]
    report.save()
    review = chain.submit(report, staff[Role.AUTHOR])
    review = chain.request_changes(review, staff[Role.OFFICE_HEAD],
                                   comment="第五部分请写改进措施。")
    report.refresh_from_db()
    report.section_5 = "<p>部分站所报送信息不够及时。</p><p>改进措施：每月通报报送情况。</p>"
    report.tables["table4"]["review"] = {"upheld": 1, "corrected": 0, "other": 0,
                                         "pending": 0, "total": 1}
    report.save()
    review = chain.resubmit(review, staff[Role.AUTHOR])
    return report, review, staff


def test_first_submission_keeps_version_one_and_has_no_diff():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = make_report(township=township, year=2024)
    report.created_by = staff[Role.AUTHOR]
    report.save()
    chain.submit(report, staff[Role.AUTHOR])
    assert list(report.versions.values_list("number", flat=True)) == [1]

    assert ReportSubject(report).diff() is None


def test_report_sent_back_keeps_earlier_text_and_diff_shows_the_changes():
    report, _review, _staff = _sent_back_and_corrected()
    first, second = ReportVersion.objects.filter(report=report).order_by("number")
    assert "改进措施" not in first.data["section_5"]
    assert "改进措施" in second.data["section_5"]

    diff = ReportSubject(report).diff()
    assert diff.changed
    assert diff.left_label == "退回修改的版本（第1版）"
    assert diff.right_label == "本次送审版本（第2版）"
    changed_body = [r for r in diff.body_rows if r.changed]
    assert len(changed_body) == 1
    assert "<ins>改进措施：每月通报报送情况。</ins>" in changed_body[0].right
    cells = {r.label: (str(r.left), str(r.right)) for r in diff.meta_rows if r.changed}
    assert cells == {"行政复议 › 结果维持": ("<del>0</del>", "<ins>1</ins>"),
                     "行政复议 › 总计": ("<del>0</del>", "<ins>1</ins>")}


def test_sign_page_shows_what_changed_and_the_whole_report(client):
    report, _review, staff = _sent_back_and_corrected()
    client.force_login(staff[Role.OFFICE_HEAD])
    url = reverse("admin:reports_annualreport_chain", args=[report.pk, "approve"])
    html = client.get(url).content.decode()
    assert "本次修改的内容" in html
    assert "标题、落款、附件和改动的统计数" in html
    assert "<ins>改进措施：每月通报报送情况。</ins>" in html
    assert "送审全文" not in html  # a resubmission is titled as the revised text
    assert "修订后的全文" in html
    assert '<caption id="table3-caption">表三 收到和处理政府信息公开申请情况</caption>' in html
    assert report.signing_body in html
    assert "css/reports.css" in html
