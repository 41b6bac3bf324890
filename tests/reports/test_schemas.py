"""Schema routing by year and label folding (DOMAIN.md §6 items 8 and 18)."""

import pytest

from reports import schemas


@pytest.mark.parametrize(("year", "schema"), [(2025, "2021"), (2021, "2021"), (2020, "2019"),
                                              (2019, "2019"), (2018, "legacy"), (2012, "legacy")])
def test_schema_follows_report_year(year, schema):
    assert schemas.schema_for_year(year) == schema


def test_table3_has_25_rows_and_7_columns_in_2021_schema():
    assert len(schemas.table3_row_ids("2021")) == 25
    assert len(schemas.TABLE3_COLUMNS) == 7
    assert len(schemas.table3_row_ids("2019")) == 23


def test_fold_matches_full_and_half_width_punctuation():
    assert schemas.fold("（一）予以公开") == schemas.fold("(一)予以公开")
    assert schemas.fold("本年增/减，") == schemas.fold("本年增／减,")


@pytest.mark.parametrize(("labels", "row"), [
    (["三、本年度办理结果", "(三)不予公开", "1.属于国家秘密"], "r3_3_1"),
    (["三、本年度办理结果", "（四）无法提供", "1．本机关不掌握相关政府信息"], "r3_4_1"),
    (["（五）不予处理", "5.要求行政机关确认或重新出具"], "r3_5_5"),
    (["（二）部分公开"], "r3_2"),
    (["一、本年新收政府信息公开申请数量"], "r1"),
    (["3.危及\"三安全一稳定\""], None),  # no group known: ambiguous
])
def test_table3_labels_match_with_short_forms(labels, row):
    assert schemas.match_table3_row("2021", labels) == row


def test_table3_sub_row_matched_in_remembered_group():
    assert schemas.match_table3_row("2021", ["3.危及“三安全一稳定”"], "r3_3") == "r3_3_3"


def test_table2_accepts_short_normative_label():
    assert schemas.match_table2_row("2021", "规范性文件") == "normative_documents"
    assert schemas.match_table2_row("2021", "行政规范性文件") == "normative_documents"
