"""The importer reads every printed cell of Tables 2–4 from real-shaped report texts (one
cell per line, pipe rows, label and numbers on a line, broken labels, dropped blank cells),
finds the township wherever the issuing body is named, and lists what it cannot place."""

import datetime

from reports import importer, schemas
from reports.import_tables import TableScanner, Target, place
from reports.validation import ERROR, validate_tables

from .import_samples import (
    EMPTY_TABLES_2022,
    LEGACY_2016,
    ONE_PER_LINE_2021,
    PIPE_PARTIAL_2021,
    SPACED_2019,
    expected_table3,
)


def test_one_cell_per_line_2021_report_gives_every_cell():
    result = importer.parse_text(ONE_PER_LINE_2021)
    assert (result.township, result.year, result.schema) == ("柏溪镇", 2023, "2021")
    t = result.tables
    assert t["table2"] == {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 7},
        "licensing": {"decisions": 36}, "penalties": {"decisions": 4},
        "enforcement": {"decisions": 0}, "fees": {"amount_wan_yuan": 0.85}}
    assert t["table3"] == expected_table3("2021")
    assert t["table4"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0,
                                     "total": 1}
    assert t["table4"]["litigation_after_review"] == {"upheld": 0, "corrected": 0, "other": 0,
                                                      "pending": 1, "total": 1}
    assert [i for i in validate_tables(t) if i.level == ERROR] == []
    assert (result.signing_body, result.date) == ("清河县柏溪镇人民政府",
                                                  datetime.date(2024, 1, 22))
    assert result.notes == []


def test_one_cell_per_line_table_text_stays_out_of_the_sections():
    result = importer.parse_text(ONE_PER_LINE_2021)
    text = "".join(sec.heading + sec.text for sec in result.sections)
    for word in ("本年制发件数", "商业", "不予公开", "计其他情形）", "结果维持", "第二十条"):
        assert word not in text, word
    assert [sec.heading for sec in result.sections if sec.level == 1] == list(
        schemas.SECTION_HEADINGS["2021"])
    assert "下一步将建立月度通报制度" in result.sections[-2].text
    assert "2023年政府信息公开工作年度报告" not in text  # the repeated title is not body
    assert result.unplaced == ["关怀版 无障碍",
                               "您当前所在位置：首页 > 乡镇信息公开 > 柏溪镇 > 年度报告",
                               "访问量：", "相关文章"]


def test_partial_pipe_table_report_recovers_the_printed_cells():
    result = importer.parse_text(PIPE_PARTIAL_2021)
    assert (result.township, result.year) == ("梨花乡", 2022)  # named only in a sentence
    t = result.tables
    assert t["table2"]["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 5}
    assert t["table2"]["licensing"] == {"decisions": 12}
    assert t["table2"]["penalties"] == {"decisions": 3}
    assert t["table3"]["r1"] == {"natural": 2, "commercial": 1, "research": 0, "social": 0,
                                 "legal": 0, "other": 0, "total": 3}
    assert t["table3"]["r2"]["total"] == 0
    assert t["table3"]["r3_1"]["total"] == 3
    assert t["table3"]["r3_3_1"]["total"] == 0
    # Not printed (the text stops early): left empty and named cell by cell, not guessed.
    assert t["table3"]["r3_7"]["total"] is None
    assert t["table2"]["enforcement"] == {"decisions": None}
    assert ("表二 第二十条第（六）项 › 行政强制 › 本年处理决定数量："
            "原文中没有读到，未填入，请按原文填写。") in result.notes
    assert any(n.startswith("表三 三、本年度办理结果 › （七）总计 › 自然人、")
               for n in result.notes)
    # 2 Table 2 rows (强制, 收费), 20 Table 3 rows of 7 cells and Table 4's 15 cells
    assert len(result.unread) == 2 + 20 * 7 + 15
    assert result.unplaced == []
    body = "".join(sec.text for sec in result.sections)
    assert "|" not in body


def test_2019_trial_report_with_dropped_blank_cells_and_broken_labels():
    result = importer.parse_text(SPACED_2019)
    assert (result.township, result.year, result.schema) == ("竹坪乡", 2020, "2019")
    t = result.tables
    assert t["table2"]["normative_documents"] == {"made": 1, "published": 1, "total_public": 6}
    assert t["table2"]["licensing"] == {"previous": 21, "change": -1, "decisions": 40}
    assert t["table2"]["other_services"] == {"previous": 5, "change": 0, "decisions": 9}
    assert t["table2"]["fees"] == {"previous": 2, "change": 0}
    assert t["table2"]["procurement"] == {"projects": 4, "amount_wan_yuan": 36.5}
    printed = {"r1", "r2", "r3_1", "r3_2", "r3_3_1", "r3_4_1", "r3_6", "r3_7", "r4"}
    assert t["table3"] == expected_table3("2019", [
        ("r1", [2, 0, 0, 0, 0, 0, 2]), ("r3_1", [1, 0, 0, 0, 0, 0, 1]),
        ("r3_4_1", [1, 0, 0, 0, 0, 0, 1]), ("r3_7", [2, 0, 0, 0, 0, 0, 2])], printed=printed)
    assert [i for i in validate_tables(t) if i.level == ERROR] == []
    guessed = [n for n in result.notes if "只印出" in n]
    assert len(guessed) == 4  # each guessed row is named for the clerk to check
    assert "表三 一、本年新收政府信息公开申请数量只印出2个数字（2 2）" in guessed[0]
    # the rows the report leaves out are named, not filled with zeros
    unread_rows = len(schemas.table3_row_ids("2019")) - len(printed)
    assert len(result.unread) == unread_rows * 7
    assert len(result.notes) == 4 + unread_rows
    assert result.unplaced == []


def test_legacy_report_finds_township_in_the_first_sentence_and_year_from_title():
    result = importer.parse_text(LEGACY_2016)
    assert (result.township, result.year, result.schema) == ("石泉镇", 2016, "legacy")
    assert result.tables is None
    assert result.date == datetime.date(2017, 3, 10)
    assert [sec.heading for sec in result.sections if sec.level == 1] == [
        "一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况",
        "四、存在的主要问题和改进措施"]


def test_blank_table_reads_as_zeros_and_a_foreign_table2_is_not_imported():
    result = importer.parse_text(EMPTY_TABLES_2022)
    assert result.tables is None  # nothing printed in any cell
    text = "".join(sec.text for sec in result.sections)
    for word in ("规章", "本年新制作数量", "予以公开", "本年新收"):
        assert word not in text, word


def test_table2_of_the_trial_format_in_a_2021_format_year_is_left_for_the_clerk():
    text = EMPTY_TABLES_2022.replace("规章\n规范性文件", "规章 0 0 0\n规范性文件 2 2 8")
    result = importer.parse_text(text)
    assert result.tables is None  # the printed numbers are in columns this format lacks
    assert "规范性文件 2 2 8" in result.unplaced
    assert any("另一种年报格式" in note for note in result.notes)


def test_numbers_that_fit_no_row_are_listed_not_dropped():
    text = ("石桥镇2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "（一）予以公开 3 0 0 0 0 0 3\n其他来源的申请 4 4\n（七）总计 3 0 0 0 0 0 3\n")
    result = importer.parse_text(text)
    assert result.tables["table3"]["r3_1"]["total"] == 3
    assert "其他来源的申请 4 4" in result.unplaced


def test_dropped_blanks_are_placed_so_that_the_row_adds_up():
    row = Target("table3", "r1", schemas.TABLE3_COLUMN_IDS, "")
    assert place(row, [3, 1, 4]) == ([3, 1, 0, 0, 0, 0, 4], True)
    assert place(row, [0, 0]) == ([0, 0, 0, 0, 0, 0, 0], False)
    assert place(row, [5]) == (None, False)  # one number cannot be both part and total
    table4 = Target("table4", "", tuple(range(15)), "")
    cells, ambiguous = place(table4, [2, 1, 3, 1, 1])
    assert cells[:5] == [2, 1, 0, 0, 3]
    assert cells[5:10] == [1, 0, 0, 0, 1]
    assert ambiguous


def test_scanner_reads_group_label_joined_to_its_row():
    scanner = TableScanner("2021").scan([
        "三、收到和处理政府信息公开申请情况",
        "三、本年度办理结果 （三）不予公开 4.保护第三方合法权益 0 0 0 0 1 0 1",
        "（五）不予处理 2.重复申请 1 0 0 0 0 0 1"])
    assert scanner.tables["table3"]["r3_3_4"]["legal"] == 1
    assert scanner.tables["table3"]["r3_5_2"]["natural"] == 1
    assert scanner.consumed == {1, 2}


def test_header_words_on_one_line_and_numbers_after_a_heading_stay_in_their_table():
    text = "\n".join([
        "青山镇2023年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "信息内容（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
        "一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2",
        "四、结转下年度继续办理",  # printed with its cells empty
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "未经复议直接起诉 复议后起诉",
        "1 1",
        "五、存在的主要问题及改进情况",
        "无。"])
    result = importer.parse_text(text)
    assert result.tables["table3"]["r4"]["total"] == 0
    assert result.tables["table4"]["review"] == {"upheld": 1, "corrected": 0, "other": 0,
                                                 "pending": 0, "total": 1}
    assert result.notes[0] == "表四只印出2个数字（1 1），已按各列之和等于总计的顺序填入，请核对。"
    assert len(result.notes) == 1 + 6 + 23  # then every unprinted row of Tables 2 and 3
    assert [(sec.heading, sec.text) for sec in result.sections] == [
        ("三、收到和处理政府信息公开申请情况", ""), ("四、政府信息公开行政复议、行政诉讼情况", ""),
        ("五、存在的主要问题及改进情况", "无。")]
