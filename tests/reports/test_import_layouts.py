"""Tables copied from web pages as " | " or tab rows, group labels in the row's line,
half-width punctuation and Table 2 as four small tables: every cell read; what the text does
not give is named cell by cell and left empty, never guessed."""

from reports import importer
from reports.validation import ERROR, validate_tables

from .import_layout_samples import (
    PIPE_DISTRICT_2023,
    TAB_TOWNSHIP_2023,
    cell_score,
    expected_tables,
)


def test_pipe_rows_with_group_labels_and_half_width_punctuation_read_every_cell():
    assert "三、本年度办理结果 | (一)予以公开 | 6 | 1 |" in PIPE_DISTRICT_2023
    assert "(三)不予公开 | 1.属于国家秘密 | 0 |" in PIPE_DISTRICT_2023
    assert "第二十条第(八)项" in PIPE_DISTRICT_2023
    result = importer.parse_text(PIPE_DISTRICT_2023)
    assert (result.township, result.year, result.schema) == ("云台街道", 2023, "2021")
    assert cell_score(result.tables) == (200, 200)
    assert result.tables == expected_tables()
    assert result.unread == []
    assert result.notes == []
    assert [i for i in validate_tables(result.tables) if i.level == ERROR] == []
    body = "".join(sec.text for sec in result.sections)
    assert "|" not in body
    assert "属于国家秘密" not in body


def test_tab_rows_with_group_label_only_on_the_first_sub_row():
    assert "\t2.其他法律行政法规禁止公开\t0" in TAB_TOWNSHIP_2023
    result = importer.parse_text(TAB_TOWNSHIP_2023)
    assert result.township == "松岗镇"
    assert cell_score(result.tables) == (200, 200)
    assert result.unread == []
    assert result.notes == []


def test_full_width_digits_and_enumerators_with_a_comma_read_too():
    text = (PIPE_DISTRICT_2023.replace("行政许可 | 156", "行政许可 | １５６")
            .replace("(三)不予公开 | 4.保护第三方合法权益", "(三)不予公开 | 4、保护第三方合法权益"))
    result = importer.parse_text(text)
    assert cell_score(result.tables) == (200, 200)


def test_unreadable_cells_are_named_and_left_empty_not_guessed():
    text = (PIPE_DISTRICT_2023
            .replace("行政许可 | 156", "行政许可 | 约156")
            .replace("(四)无法提供 | 2.没有现成信息需要另行制作 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                     "(四)无法提供 | 2.没有现成信息需要另行制作 | 1 | 0 | 0 | 0 | 0")
            .replace("行政处罚 | 23\n行政强制 | 2\n", "行政处罚 | 23\n"))
    result = importer.parse_text(text)
    t = result.tables
    assert t["table2"]["licensing"] == {"decisions": None}
    assert t["table2"]["enforcement"] == {"decisions": None}
    assert t["table3"]["r3_4_2"] == {"natural": 1, "commercial": 0, "research": 0, "social": 0,
                                     "legal": 0, "other": None, "total": None}
    assert sorted(result.unread) == sorted([
        "table2.licensing.decisions", "table2.enforcement.decisions",
        "table3.r3_4_2.other", "table3.r3_4_2.total"])
    assert cell_score(t) == (196, 200)
    assert result.notes == [
        "表二 第二十条第（五）项 › 行政许可 › 本年处理决定数量：原文为“约156”，不是数字，未填入，"
        "请按原文填写。",
        "表三 三、本年度办理结果 › （四）无法提供 › 2.没有现成信息需要另行制作 › 其他、总计："
        "原文这一行只有5格，缺少的单元格未填入，请按原文填写。",
        "表二 第二十条第（六）项 › 行政强制 › 本年处理决定数量："
        "原文中没有读到，未填入，请按原文填写。",
    ]


def test_a_report_without_readable_tables_says_so():
    text = "\n".join(line for line in PIPE_DISTRICT_2023.splitlines() if "|" not in line)
    result = importer.parse_text(text)
    assert result.tables is None
    assert len(result.unread) == 200
    assert result.notes == [
        "统计表（表二至表四）：原文中没有读到任何数字，200个单元格均未填入，请按原文填写。"]


def test_import_command_counts_the_cells_it_read(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "report.txt"
    path.write_text(PIPE_DISTRICT_2023.replace("行政许可 | 156", "行政许可 | 约156"),
                    encoding="utf-8")
    call_command("import_report", str(path), "--dry-run")
    assert "统计表单元格：读出199/200" in capsys.readouterr().out


def test_word_tables_with_table2_as_four_small_tables():
    import io

    from .import_layout_samples import docx_from_pipes

    result = importer.parse_docx(io.BytesIO(docx_from_pipes(PIPE_DISTRICT_2023)))
    assert cell_score(result.tables) == (200, 200)
    assert result.unread == []
    assert result.notes == []
    without_fees = PIPE_DISTRICT_2023.replace(
        "第二十条第(八)项\n信息内容 | 本年收费金额(单位:万元)\n行政事业性收费 | 1.26\n", "")
    result = importer.parse_docx(io.BytesIO(docx_from_pipes(without_fees)))
    assert result.unread == ["table2.fees.amount_wan_yuan"]
    assert result.tables["table2"]["fees"] == {"amount_wan_yuan": None}
    assert result.notes == [
        "表二 第二十条第（八）项 › 行政事业性收费 › 本年收费金额（单位：万元）："
        "原文中没有读到，未填入，请按原文填写。"]
