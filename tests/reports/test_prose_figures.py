"""Prose and tables agree: placeholders fill in the table's figures, and prose that quotes a
different figure blocks submission (without false alarms on comparisons or other years)."""

import pytest
from django.core.exceptions import ValidationError

from reports import figures
from reports.models import AnnualReport
from signoff import chain
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_township
from tests.reports.factories import SECTION_1, make_report, small_tables
from townships.models import Role

TABLES = small_tables(new=3, carried=1, carry_out=1)  # 3 new, 1 carried, 3 done, 1 carried out


def _disagreeing(text, year=2024, tables=TABLES):
    return [(q.figure.name, q.stated, int(v))
            for _n, q, v in figures.disagreements([text], "2021", tables, year)]


def test_placeholder_is_replaced_by_the_tables_figure():
    html = "<p>全年新收政府信息公开申请【本年新收申请数】件，结转下年度{结转下年度申请数}件。</p>"
    assert figures.fill(html, "2021", TABLES) == (
        "<p>全年新收政府信息公开申请3件，结转下年度1件。</p>")


def test_placeholder_with_full_width_braces_and_spaces_is_filled():
    assert figures.fill("上年结转｛ 上年结转申请数 ｝件", "2021", TABLES) == "上年结转1件"


def test_unknown_placeholder_is_reported_and_ordinary_brackets_are_left_alone():
    text = "【重要】全年新收【本年新收申请总数】件，详见{附表}。"
    assert figures.unknown_placeholders(text, "2021") == ["【本年新收申请总数】", "{附表}"]
    assert figures.fill(text, "2021", TABLES) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("全年新收政府信息公开申请5件。", [("本年新收申请数", 5, 3)]),
    ("全年新收政府信息公开申请五件。", [("本年新收申请数", 5, 3)]),
    ("其中予以公开2件、部分公开0件。", [("予以公开数", 2, 3)]),
    ("本年度办结上年结转申请2件。", [("上年结转申请数", 2, 1)]),
    ("结转下年度继续办理0件。", [("结转下年度申请数", 0, 1)]),
    ("发生政府信息公开行政复议1起。", [("行政复议数", 1, 0)]),
])
def test_quoted_figure_that_differs_from_the_table_is_found(text, expected):
    assert _disagreeing(text) == expected


@pytest.mark.parametrize("text", [
    "全年新收政府信息公开申请3件，上年结转1件，结转下年度1件。",
    "全年新收政府信息公开申请三件，均已按期答复。",
    "较上年新收申请增加2件。",                      # a comparison
    "2023年新收申请5件，本年有所减少。",            # another year
    "上年新收申请5件。",                           # last year's figure
    "全年新收申请10余件。",                         # an approximation
    "依申请公开答复率100%，办结时间平均5个工作日。",  # no counted unit
    "全年共收到政府信息公开申请4件（含上年结转1件）。",  # 收到 is not 新收: not read
    "未发生行政复议、行政诉讼案件。",
])
def test_no_false_alarm_when_the_prose_agrees_or_says_something_else(text):
    assert _disagreeing(text) == []


@pytest.mark.django_db
def test_report_with_prose_contradicting_the_tables_cannot_be_submitted():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = make_report(township=township, year=2024, tables=TABLES,
                         section_1=SECTION_1 + "<p>全年新收政府信息公开申请1件。</p>")
    report.created_by = staff[Role.AUTHOR]
    report.save()
    with pytest.raises(ValidationError, match=r"与统计表.*不一致"):
        chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT

    report.section_1 = SECTION_1 + "<p>全年新收政府信息公开申请【本年新收申请数】件。</p>"
    report.save()
    chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.IN_REVIEW
    assert "新收政府信息公开申请3件" in report.sections()[0][1]
    assert "【" in report.section_1  # the placeholder is kept in what the clerk edits


@pytest.mark.django_db
def test_unknown_placeholder_blocks_submission():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = make_report(township=township, year=2024,
                         section_1=SECTION_1 + "<p>新收申请【新收申请数】件。</p>")
    report.created_by = staff[Role.AUTHOR]
    report.save()
    with pytest.raises(ValidationError, match="不是可用的数字占位符"):
        chain.submit(report, staff[Role.AUTHOR])
