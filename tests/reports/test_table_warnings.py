"""Warnings shown to reviewers (DOMAIN.md §1.6 rules 4, 6, 7; §6 items 12, 14–17)."""

from reports import schemas
from reports.validation import WARNING, check_sections, validate_tables
from tests.reports.factories import reconciling_tables, small_tables


def _warnings(tables, previous=None):
    return [i for i in validate_tables(tables, previous=previous) if i.level == WARNING]


def test_warning_when_township_reports_regulations():
    tables = reconciling_tables()
    tables["table2"]["regulations"]["issued"] = 6
    assert [i.path for i in _warnings(tables)] == ["table2.regulations"]


def test_no_warning_when_regulations_are_zero():
    assert _warnings(reconciling_tables()) == []


def test_warning_when_in_force_drifts_from_last_year():
    previous = reconciling_tables()  # in force 9
    tables = reconciling_tables()
    tables["table2"]["normative_documents"] = {"issued": 2, "repealed": 1, "in_force": 11}
    warnings = _warnings(tables, previous)
    assert [i.path for i in warnings if i.path.startswith("table2")] == [
        "table2.normative_documents.in_force"]
    assert "（10）" in warnings[0].message


def test_no_drift_warning_when_in_force_follows_last_year():
    previous = reconciling_tables()
    tables = reconciling_tables()
    tables["table2"]["normative_documents"] = {"issued": 2, "repealed": 1, "in_force": 10}
    assert not [i for i in _warnings(tables, previous) if i.path.startswith("table2")]


def test_warning_when_carry_over_differs_from_last_years_carry_out():
    previous = small_tables(new=5, carried=0, carry_out=2)
    tables = small_tables(new=3, carried=1)
    paths = [i.path for i in _warnings(tables, previous)]
    assert paths == ["r2.natural", "r2.total"]


def test_no_continuity_warning_when_carry_over_matches():
    previous = small_tables(new=5, carried=0, carry_out=1)
    assert _warnings(small_tables(new=3, carried=1), previous) == []


def test_continuity_checked_across_2020_to_2021_schemas():
    previous = small_tables(schemas.SCHEMA_2019, new=5, carried=0, carry_out=4)
    assert [i.path for i in _warnings(small_tables(new=3, carried=1), previous)] == [
        "r2.natural", "r2.total"]


GOOD_1 = ("本报告所列数据的统计期限为2024年1月1日至2024年12月31日。"
          "全年开展政务公开工作考核一次、社会评议一次，未发生责任追究。")


def test_no_text_warning_when_sections_are_complete():
    sections = [GOOD_1, "", "", "", "问题与改进。", "本年度未收取信息处理费。"]
    assert check_sections("2021", sections, 2024, fee_collected=True) == []


def test_warning_when_sections_one_five_six_are_missing():
    issues = check_sections("2021", [GOOD_1, "", "", "", "", ""], 2024)
    assert [i.path for i in issues] == ["sections.5", "sections.6"]


def test_warning_when_accountability_results_are_not_reported():
    sections = ["本报告所列数据的统计期限为2024年1月1日至2024年12月31日。", "", "", "", "x", "y"]
    assert [i.path for i in check_sections("2021", sections, 2024)] == ["sections.1"]


def test_warning_when_statistics_period_is_wrong():
    sections = [GOOD_1.replace("2024年1月1日", "2023年12月1日"), "", "", "", "x", "y"]
    issues = check_sections("2021", sections, 2024)
    assert [i.path for i in issues] == ["period"]


def test_warning_when_fee_collected_but_not_reported_under_six():
    sections = [GOOD_1, "", "", "", "x", "无其他事项。"]
    assert [i.path for i in check_sections("2021", sections, 2024, fee_collected=True)] == [
        "sections.6"]
