"""Table 3 built from applications: rows from outcomes, columns from applicant kinds."""

import datetime

import pytest

from applications import table3 as t3
from applications import transitions
from applications.selectors import table3
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from townships.models import Role

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def township():
    return make_township()


@pytest.fixture
def handler(township):
    return make_member(township=township, role=Role.PUBLISHER)


def _check_rules(table):
    for row in t3.ROW_IDS:  # rule 1
        assert table[row]["total"] == sum(table[row][c] for c in t3.APPLICANT_COLUMNS)
    for col in t3.COLUMN_IDS:
        assert table["r3_7"][col] == sum(table[r][col] for r in t3.OUTCOME_ROWS)  # rule 2
        assert table["r1"][col] + table["r2"][col] == table["r3_7"][col] + table["r4"][col]


def test_table_has_25_rows_and_7_columns_with_official_labels():
    assert len(t3.ROW_IDS) == 25
    assert t3.COLUMN_IDS == ("natural", "commercial", "research", "social", "legal", "other",
                             "total")
    assert t3.ROW_LABELS["r3_5_4"] == "4.无正当理由大量反复申请"
    assert t3.ROW_LABELS["r4"] == "四、结转下年度继续办理"


def test_report_formats_read_the_one_definition():
    """Derivation, validation, page and exports take Table 3 from applications/table3.py."""
    from reports import schemas

    assert schemas.TABLE3_ROWS["2021"] is t3.ROWS_2021
    assert schemas.TABLE3_COLUMNS is t3.COLUMNS
    assert schemas.GROUP_LABELS is t3.GROUP_LABELS
    assert len(t3.ROWS_2019) == 23
    assert "r3_6" in {r.id for r in t3.ROWS_2019}


def test_cell_label_names_the_official_row_and_column():
    assert t3.cell_label("r3_7", "natural") == "三、本年度办理结果 › （七）总计 › 自然人"
    assert t3.cell_label("r3_3_1", "legal") == (
        "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 › 法人或其他组织 › 法律服务机构")
    assert t3.cell_label("r1", "total") == "一、本年新收政府信息公开申请数量 › 总计"


@pytest.mark.parametrize(("kind", "outcome"), [
    ("natural", "r3_1"), ("commercial", "r3_2"), ("research", "r3_3_8"), ("social", "r3_4_2"),
    ("legal", "r3_5_5"), ("other", "r3_6_3"),
])
def test_closed_case_lands_in_its_row_and_column_when_replied(township, handler, kind, outcome):
    app = make_application(township=township, applicant_kind=kind, received_on=D("2024-03-04"))
    close(app, user=handler, outcome=outcome)
    table = table3(township, 2024)
    assert table[outcome][kind] == 1
    assert table[outcome]["total"] == 1
    assert sum(table[r]["total"] for r in t3.OUTCOME_ROWS) == 1
    _check_rules(table)


def test_rules_hold_and_carry_over_when_cases_span_years(township, handler):
    old_open = make_application(township=township, received_on=D("2023-12-20"))
    old_closed_next_year = make_application(township=township, received_on=D("2023-12-22"),
                                            applicant_kind="commercial")
    close(old_closed_next_year, user=handler, outcome="r3_4_1", on=D("2024-01-05"))
    closed_same_year = make_application(township=township, received_on=D("2023-05-04"))
    close(closed_same_year, user=handler, on=D("2023-05-10"))
    new_closed = make_application(township=township, received_on=D("2024-06-03"),
                                  applicant_kind="legal")
    close(new_closed, user=handler, outcome="r3_2", on=D("2024-06-20"))
    make_application(township=township, received_on=D("2024-12-30"))  # open at year end
    transitions.request_correction(old_open.pk, user=handler, notice_on=D("2023-12-25"),
                                   correct_by=D("2024-01-10"))
    transitions.close_uncorrected(old_open.pk, user=handler, on=D("2024-01-15"))
    make_application(township=make_township(), received_on=D("2024-05-06"))

    t2023, t2024 = table3(township, 2023), table3(township, 2024)
    _check_rules(t2023)
    _check_rules(t2024)
    assert (t2023["r1"]["total"], t2023["r3_7"]["total"], t2023["r4"]["total"]) == (3, 1, 2)
    assert t2024["r2"]["total"] == t2023["r4"]["total"] == 2  # rule 4 continuity
    assert t2024["r2"]["commercial"] == 1
    assert t2024["r1"]["total"] == 2
    assert t2024["r3_6_1"]["natural"] == 1
    assert t2024["r3_4_1"]["commercial"] == 1
    assert t2024["r3_2"]["legal"] == 1
    assert t2024["r4"]["total"] == 1


def test_unconfirmed_online_application_not_counted_when_receipt_missing(township):
    app = make_application(township=township, channel="online", received_on=D("2024-03-04"))
    app.received_on = None
    app.save()
    assert table3(township, 2024)["r1"]["total"] == 0
