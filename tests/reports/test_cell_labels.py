"""Validation names cells by their official row and column labels; the path stays for machines."""

import pytest

from reports import schemas
from reports.validation import ERROR, validate_tables
from tests.reports.factories import reconciling_tables


@pytest.mark.parametrize(("schema", "path", "label"), [
    ("2021", "r3_7.natural", "三、本年度办理结果 › （七）总计 › 自然人"),
    ("2021", "table3.r3_3_1.legal",
     "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 › 法人或其他组织 › 法律服务机构"),
    ("2019", "r3_6.total", "三、本年度办理结果 › （六）其他处理 › 总计"),
    ("2021", "r4", "四、结转下年度继续办理"),
    ("2021", "table2.normative_documents.issued",
     "第二十条第（一）项 › 行政规范性文件 › 本年制发件数"),
    ("2019", "table2.normative_documents.made", "第二十条第（一）项 › 规范性文件 › 本年新制作数量"),
    ("2021", "table2.fees.amount_wan_yuan",
     "第二十条第（八）项 › 行政事业性收费 › 本年收费金额（单位：万元）"),
    ("2021", "table4.review.total", "行政复议 › 总计"),
    ("2021", "table4.litigation_after_review.upheld", "行政诉讼 › 复议后起诉 › 结果维持"),
    ("2021", "sections.6", "六、其他需要报告的事项"),
    ("2021", "period", "统计期限"),
    ("2021", "table2.nonsense.x", "table2.nonsense.x"),
])
def test_path_label_is_the_official_wording(schema, path, label):
    assert schemas.path_label(schema, path) == label


def test_error_shows_row_and_column_labels_not_the_internal_id():
    tables = reconciling_tables()
    tables["table3"]["r3_7"]["natural"] += 1
    tables["table3"]["r3_7"]["total"] += 1
    issue = next(i for i in validate_tables(tables)
                 if i.level == ERROR and i.path == "r3_7.natural")
    assert issue.display.startswith("三、本年度办理结果 › （七）总计 › 自然人：")
    assert "r3_7" not in issue.display
    assert str(issue).startswith("ERROR r3_7.natural: ")  # machines keep the path


def test_table4_error_is_labelled_with_its_group():
    tables = reconciling_tables()
    tables["table4"]["litigation_direct"]["total"] = 1
    issue = next(i for i in validate_tables(tables) if i.level == ERROR)
    assert issue.display.startswith("行政诉讼 › 未经复议直接起诉 › 总计：")
