"""Back office: scoping, validation display, override reason, publish, import, roll-up."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import AnnualReport
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_county, make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db


def _change_url(report):
    return reverse("admin:reports_annualreport_change", args=[report.pk])


def test_member_sees_own_report_and_404_for_other_township(client):
    township, other = make_township(), make_township()
    client.force_login(make_member(township=township, role=Role.PUBLISHER))
    mine = make_report(township=township, year=2024)
    theirs = make_report(township=other, year=2024)
    assert client.get(reverse("admin:reports_annualreport_changelist")).status_code == 200
    page = client.get(_change_url(mine))
    assert page.status_code == 200
    assert "校验通过" in page.content.decode() or "提示" in page.content.decode()
    for name in ("change", "docx", "xlsx"):
        url = reverse(f"admin:reports_annualreport_{name}", args=[theirs.pk])
        assert client.get(url).status_code == 404, name
    url = reverse("admin:reports_annualreport_chain", args=[theirs.pk, "submit"])
    assert client.get(url).status_code == 404


def test_validation_errors_shown_on_change_page(client):
    township = make_township()
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    report = make_report(township=township, year=2024)
    report.tables["table4"]["review"]["total"] = 3
    report.save()
    html = client.get(_change_url(report)).content.decode()
    assert "错误：行政复议 › 总计：" in html
    assert "table4.review.total" not in html


def test_change_page_offers_only_the_chain_moves_the_user_may_make_now(client):
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = make_report(township=township, year=2024)
    report.created_by = staff[Role.AUTHOR]
    report.save(update_fields=["created_by"])
    chain_url = reverse("admin:reports_annualreport_chain", args=[report.pk, "submit"])
    client.force_login(staff[Role.PUBLISHER])
    assert chain_url not in client.get(_change_url(report)).content.decode()
    assert client.get(chain_url).status_code == 403
    client.force_login(staff[Role.AUTHOR])
    html = client.get(_change_url(report)).content.decode()
    assert "审签流程" in html
    assert chain_url in html
    assert client.post(chain_url, {"comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == "in_review"
    tables_url = reverse("admin:reports_annualreport_tables", args=[report.pk])
    assert tables_url not in client.get(_change_url(report)).content.decode()
    assert client.get(tables_url).status_code == 403
    client.force_login(staff[Role.OFFICE_HEAD])
    html = client.get(_change_url(report)).content.decode()
    assert reverse("admin:reports_annualreport_chain", args=[report.pk, "approve"]) in html
    assert reverse("admin:reports_annualreport_chain", args=[report.pk, "publish"]) not in html


def test_auditor_reads_but_cannot_change(client):
    township = make_township()
    client.force_login(make_member(role=Role.COUNTY_AUDITOR, county=township.county))
    report = make_report(township=township, year=2024)
    html = client.get(_change_url(report)).content.decode()
    tables_url = reverse("admin:reports_annualreport_tables", args=[report.pk])
    assert tables_url not in html
    assert client.get(tables_url).status_code == 403
    assert client.post(reverse("admin:reports_annualreport_chain",
                               args=[report.pk, "publish"]),
                       {"version": 1}).status_code in (200, 302, 403)
    report.refresh_from_db()
    assert report.status == "draft"


def test_import_upload_creates_draft(client):
    township = make_township(name="槐荫镇")
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    text = ("槐荫镇2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
            "槐荫镇人民政府\n2023年1月9日\n")
    upload = SimpleUploadedFile("r.txt", text.encode("utf-8"), content_type="text/plain")
    response = client.post(reverse("admin:reports_annualreport_import"), {"file": upload})
    report = AnnualReport.objects.get(township=township, year=2022)
    assert response.status_code == 302
    assert response.url == _change_url(report)
    upload = SimpleUploadedFile("r.txt", text.encode("utf-8"), content_type="text/plain")
    again = client.post(reverse("admin:reports_annualreport_import"), {"file": upload})
    assert "已存在" in again.content.decode()


def test_import_upload_refuses_other_township(client):
    make_township(name="槐荫镇")
    client.force_login(make_member(township=make_township(), role=Role.AUTHOR))
    text = "槐荫镇2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
    upload = SimpleUploadedFile("r.txt", text.encode("utf-8"), content_type="text/plain")
    response = client.post(reverse("admin:reports_annualreport_import"), {"file": upload})
    assert "未能识别乡镇" in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_rollup_for_county_roles_only(client):
    county = make_county()
    township = make_township(county=county, name="甲镇")
    make_report(township=township, year=2024, published=True)
    client.force_login(make_member(township=township, role=Role.PUBLISHER))
    assert client.get(reverse("admin:reports_annualreport_rollup")).status_code == 403
    client.force_login(make_member(role=Role.COUNTY_AUDITOR, county=county))
    html = client.get(reverse("admin:reports_annualreport_rollup") + "?year=2024"
                      ).content.decode()
    assert "按时发布" in html
    content = client.get(reverse("admin:reports_annualreport_rollup_xlsx", args=[2024])).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "未发布年报的乡镇" in book.sheetnames


def test_add_page_creates_report_with_schema_from_year_and_refuses_duplicate(client):
    township = make_township(name="石桥镇")
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    data = {"township": township.pk, "year": 2020, "title": "",
            "signing_body": "", "signing_date": "", "import_notes": "",
            "body": "", "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
            "overrides-TOTAL_FORMS": 0, "overrides-INITIAL_FORMS": 0,
            **{f"section_{n}": "" for n in range(1, 7)}}
    url = reverse("admin:reports_annualreport_add")
    assert client.post(url, data).status_code == 302
    report = AnnualReport.objects.get(township=township, year=2020)
    assert (report.schema, report.title) == ("2019", "石桥镇2020年政府信息公开工作年度报告")
    assert "r3_6" in report.tables["table3"]
    again = client.post(url, data)
    assert again.status_code == 200
    assert AnnualReport.objects.filter(township=township).count() == 1
