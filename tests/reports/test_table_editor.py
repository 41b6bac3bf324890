"""The table editor: one labelled input per cell, totals computed on the server, a reason for
every changed derived cell, errors next to the cell with its official labels."""

import datetime
import re

import pytest
from django.urls import reverse

from reports import schemas, services
from reports.models import AnnualReport, TableOverride
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db


def _url(report):
    return reverse("admin:reports_annualreport_tables", args=[report.pk])


def _post_data(report, **changes):
    """Every input of the editor with its current value, then `changes` by path."""
    data = {}
    totals = schemas.total_cells(report.schema)
    for path in schemas.cell_paths(report.schema):
        if path not in totals:
            data[path.replace(".", "-")] = schemas.get_path(report.tables, path)
    for path, value in changes.items():
        data[path.replace(".", "-")] = value
    return data


def _setup(client, *, year=2024, **fields):
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    client.force_login(user)
    return township, user, make_report(township=township, year=year, **fields)


def test_every_cell_is_one_input_named_by_its_row_and_column_headers(client):
    _township, _user, report = _setup(client)
    html = client.get(_url(report)).content.decode()
    inputs = re.findall(r'<input[^>]*class="cell-input[^"]*"[^>]*>', html)
    totals = schemas.total_cells("2021")
    assert len(inputs) == len(schemas.cell_paths("2021")) - len(totals)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for tag in inputs:
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', tag).group(1).split()
        assert labelled_by, tag
        assert set(labelled_by) <= ids, tag
    first = next(t for t in inputs if 'name="table3-r3_3_1-legal"' in t)
    assert 'aria-labelledby="t3-result t3-g-r3_3 t3-r3_3_1 t3-applicant t3-legal t3-c-legal"' in (
        first)
    assert html.count("<output ") == len(totals)
    assert 'data-sum="id_table3-r1-natural id_table3-r1-commercial' in html
    assert "report-tables.js" in html
    assert "<script>" not in html


def test_totals_are_recomputed_on_the_server_when_saved(client):
    _township, _user, report = _setup(client)
    data = _post_data(report, **{"table3.r1.natural": 5, "table3.r1.commercial": 2,
                                 "table3.r1.total": 999, "table3.r3_1.natural": 6,
                                 "table3.r3_1.commercial": 2})
    assert client.post(_url(report), data).status_code == 302
    report.refresh_from_db()
    t3 = report.tables["table3"]
    assert t3["r1"]["total"] == 7
    assert t3["r3_7"]["natural"] == 6
    assert t3["r3_7"]["commercial"] == 2
    assert t3["r3_7"]["total"] == 8
    assert not [i for i in services.report_issues(report) if i.is_error]


def test_bad_cell_is_refused_with_its_official_label_next_to_it(client):
    _township, _user, report = _setup(client)
    before = report.tables
    data = _post_data(report, **{"table3.r3_7.natural": 1, "table3.r4.natural": "两",
                                 "table4.review.upheld": -1})
    response = client.post(_url(report), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "四、结转下年度继续办理 › 自然人：须为整数。" in html
    assert "行政复议 › 结果维持：不能为负数。" in html
    assert 'href="#id_table3-r4-natural"' in html  # the summary links to the cell
    assert re.search(r'name="table3-r4-natural"[^>]*aria-invalid="true"', html) or re.search(
        r'aria-invalid="true"[^>]*name="table3-r4-natural"', html)
    report.refresh_from_db()
    assert report.tables == before


def test_balance_error_is_shown_next_to_the_cell_after_saving(client):
    _township, _user, report = _setup(client)
    client.post(_url(report), _post_data(report, **{"table3.r4.natural": 2}))
    html = client.get(_url(report)).content.decode()
    assert ('<span class="cell-error">四、结转下年度继续办理 › 自然人：不符合勾稽关系') in html
    assert "勾稽关系不符" in html


def test_changed_derived_cell_needs_a_reason_and_is_recorded(client):
    _township, user, report = _setup(client)
    services.derive_report(report, user)
    report.refresh_from_db()
    html = client.get(_url(report)).content.decode()
    assert 'class="cell-input derived"' in html
    assert 'aria-describedby="table3-source"' in html
    data = _post_data(report, **{"table2.licensing.decisions": 4})
    response = client.post(_url(report), data)
    assert response.status_code == 200
    assert "此数由系统生成，修改须在下方填写理由（系统生成值：0）" in response.content.decode()
    assert not TableOverride.objects.exists()
    data["override_reason"] = "纸质许可决定书未上网"
    assert client.post(_url(report), data).status_code == 302
    override = TableOverride.objects.get(report=report)
    assert (override.path, override.derived_value, override.value, override.reason) == (
        "table2.licensing.decisions", 0, 4, "纸质许可决定书未上网")
    html = client.get(_url(report)).content.decode()
    assert "系统生成值：0" in html


def test_editor_refused_while_the_report_is_in_review_or_for_another_township(client):
    _township, _user, report = _setup(client)
    AnnualReport.objects.filter(pk=report.pk).update(status="in_review")
    assert client.get(_url(report)).status_code == 403
    theirs = make_report(township=make_township(), year=2024)
    assert client.get(_url(theirs)).status_code == 404


def test_new_report_starts_from_the_register(client):
    township = make_township(name="石桥镇")
    user = make_member(township=township, role=Role.AUTHOR)
    clerk = make_member(township=township, role=Role.PUBLISHER)
    for day in (4, 5, 6):
        app = make_application(township=township, received_on=datetime.date(2024, 3, day))
        if day < 6:
            close(app, user=clerk)
    client.force_login(user)
    data = {"township": township.pk, "year": 2024, "title": "", "signing_body": "",
            "signing_date": "", "import_notes": "", "body": "",
            "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
            "overrides-TOTAL_FORMS": 0, "overrides-INITIAL_FORMS": 0,
            **{f"section_{n}": "" for n in range(1, 7)}}
    assert client.post(reverse("admin:reports_annualreport_add"), data).status_code == 302
    report = AnnualReport.objects.get(township=township, year=2024)
    assert report.tables["table3"]["r1"]["total"] == 3
    assert report.tables["table3"]["r3_1"]["total"] == 2
    assert report.tables["table3"]["r4"]["total"] == 1
    assert report.derived_at is not None


def test_legacy_statistics_are_edited_as_name_value_lines(client):
    _township, _user, report = _setup(client, year=2016)
    response = client.post(_url(report), {"statistics": "主动公开政府信息数（条）：96\n申请数：2"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.tables == {"schema": "legacy", "statistics": {
        "主动公开政府信息数（条）": 96, "申请数": 2}}
    response = client.post(_url(report), {"statistics": "没有冒号的一行"})
    assert "第1行应为“名称：数值”" in response.content.decode()
