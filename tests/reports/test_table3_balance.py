"""Table 3 arithmetic (DOMAIN.md §1.6 rules 1–3, §6 items 9–11)."""

from reports import schemas
from reports.validation import ERROR, validate_tables
from tests.reports.factories import reconciling_tables, small_tables


def _errors(tables):
    return [i for i in validate_tables(tables) if i.level == ERROR]


def test_no_error_when_tables_are_the_reconciling_example():
    tables = reconciling_tables()
    assert tables["table3"]["r1"]["natural"] == 13612
    assert _errors(tables) == []


def test_row_sum_error_when_total_differs_from_columns():
    tables = reconciling_tables()
    tables["table3"]["r1"]["total"] = 14070
    tables["table3"]["r1"]["natural"] = 13612
    paths = [i.path for i in _errors(tables)]
    assert "r1.total" in paths


def test_outcome_total_error_when_r3_7_misses_a_sub_row():
    tables = reconciling_tables()
    tables["table3"]["r3_5_5"]["natural"] = 4
    tables["table3"]["r3_5_5"]["total"] = 4
    issues = _errors(tables)
    assert any(i.path == "r3_7.natural" and "13810" not in i.message for i in issues)
    assert any(i.path == "r3_7.total" and "（七）总计（13810）" in i.message for i in issues)


def test_balance_error_when_r1_plus_r2_differs_from_r3_7_plus_r4():
    tables = reconciling_tables()
    tables["table3"]["r4"] = {**tables["table3"]["r4"], "natural": 820, "total": 820}
    issues = _errors(tables)
    assert [i.path for i in issues] == ["r4.natural", "r4.total"]
    assert "勾稽关系" in issues[1].message


def test_no_error_when_2019_schema_uses_single_other_row():
    tables = small_tables(schemas.SCHEMA_2019, new=2, carried=0)
    tables["table3"]["r3_1"] = dict.fromkeys(schemas.TABLE3_COLUMN_IDS, 0)
    tables["table3"]["r3_6"] = {**dict.fromkeys(schemas.TABLE3_COLUMN_IDS, 0),
                                "natural": 2, "total": 2}
    assert _errors(tables) == []


def test_unknown_row_error_when_2021_row_used_in_2019_schema():
    tables = small_tables(schemas.SCHEMA_2019)
    tables["table3"]["r3_6_1"] = {"total": 0}
    assert [i.path for i in _errors(tables)] == ["r3_6_1"]


def test_blank_cells_read_as_zero_when_missing():
    tables = {"schema": "2021", "table3": {"r1": {"natural": 1, "total": 1},
                                           "r3_1": {"natural": 1, "total": 1},
                                           "r3_7": {"natural": "", "total": 1}}}
    assert [i.path for i in _errors(tables)] == ["r3_7.total", "r3_7.natural", "r4.natural"]
