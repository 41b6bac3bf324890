"""Cell types, Table 4 totals and Table 2 amounts (DOMAIN.md §6 items 13–14)."""

import pytest

from reports.validation import ERROR, validate_tables
from tests.reports.factories import reconciling_tables


def _error_paths(tables):
    return [i.path for i in validate_tables(tables) if i.level == ERROR]


@pytest.mark.parametrize("value", [-1, 1.5, "三", True, [1]])
def test_error_when_count_is_negative_or_not_an_integer(value):
    tables = reconciling_tables()
    tables["table4"]["review"]["upheld"] = value
    assert "table4.review.upheld" in _error_paths(tables)


def test_no_error_when_count_is_integral_string_or_float():
    tables = reconciling_tables()
    tables["table4"]["review"]["upheld"] = "376"
    tables["table4"]["review"]["total"] = 790.0
    assert _error_paths(tables) == []


@pytest.mark.parametrize("group", ["review", "litigation_direct", "litigation_after_review"])
def test_error_when_table4_group_total_is_wrong(group):
    tables = reconciling_tables()
    tables["table4"][group]["total"] += 1
    assert _error_paths(tables) == [f"table4.{group}.total"]


def test_no_error_when_table4_example_totals_790_56_156():
    tables = reconciling_tables()
    assert [tables["table4"][g]["total"] for g in tables["table4"]] == [790, 56, 156]
    assert _error_paths(tables) == []


def test_no_error_when_fee_is_a_decimal_amount():
    tables = reconciling_tables()
    tables["table2"]["fees"]["amount_wan_yuan"] = "190.457379"
    assert _error_paths(tables) == []


@pytest.mark.parametrize("value", [-0.5, "abc"])
def test_error_when_fee_is_negative_or_not_a_number(value):
    tables = reconciling_tables()
    tables["table2"]["fees"]["amount_wan_yuan"] = value
    assert _error_paths(tables) == ["table2.fees.amount_wan_yuan"]


def test_error_when_table2_count_is_fractional():
    tables = reconciling_tables()
    tables["table2"]["normative_documents"]["issued"] = 2.5
    assert _error_paths(tables) == ["table2.normative_documents.issued"]


def test_no_error_when_2019_change_column_is_negative():
    tables = {"schema": "2019", "table2": {"licensing": {"previous": 5, "change": -2,
                                                         "decisions": 3}}}
    assert _error_paths(tables) == []


def test_error_when_schema_is_unknown():
    assert _error_paths({"schema": "2030"}) == ["schema"]
