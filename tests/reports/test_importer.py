"""Importing legacy reports: the reference 2012 report and reports written here per schema."""

import datetime
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from reports import import_draft, importer, schemas
from reports.models import AnnualReport
from tests.factories import make_township

REFERENCE = Path("/work/shared/corpus/000_93b9769eac279042.txt")
if not REFERENCE.exists():  # the corpus may sit beside the repository
    REFERENCE = Path(__file__).resolve().parents[3] / "shared/corpus/000_93b9769eac279042.txt"
needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="reference corpus absent")


@needs_reference
def test_reference_report_title_township_year_sections_and_date():
    result = importer.parse_text(REFERENCE.read_text(encoding="utf-8"))
    assert result.title == "南安镇2012年政府信息公开年度报告"
    assert (result.township, result.year, result.schema) == ("南安镇", 2012, "legacy")
    assert result.signing_body == "南安镇人民政府"
    assert result.date == datetime.date(2013, 1, 29)
    top = [s.heading for s in result.sections if s.level == 1]
    assert top == ["一、概述", "二、主动公开政府信息情况", "三、存在的主要问题和改进措施"]
    subs = [s.heading for s in result.sections if s.level == 2]
    assert subs[:6] == ["（一）加强宣传", "（二）加强组织领导", "（三）健全工作制度",
                        "（四）编制政府信息公开目录", "（五）加强政府信息公开平台建设",
                        "（六）落实监督评议机制"]
    assert subs[6:] == ["（一）公开内容", "（二）公开形式", "（一）进一步拓宽公开渠道",
                        "（二）规范工作流程", "（三）完善配套制度", "（四）加强监督检查"]
    assert "附件:南安镇2012年政府信息公开工作情况统计表" in result.unplaced


@needs_reference
def test_reference_report_drops_no_text():
    text = REFERENCE.read_text(encoding="utf-8")
    result = importer.parse_text(text)
    kept = [result.title, result.signing_body, *result.unplaced]
    for section in result.sections:
        kept.extend([section.heading, section.text])
    joined = "".join("".join(kept).split())
    for line in text.splitlines():
        line = "".join(line.split())
        if line and not line.startswith(("一、", "二、", "三、", "(", "2013129")):
            assert line in joined, line


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("2013129", 2012, datetime.date(2013, 1, 29)),
    ("20130129", 2012, datetime.date(2013, 1, 29)),
    ("2013年1月29日", None, datetime.date(2013, 1, 29)),
    ("2025-01-20", None, datetime.date(2025, 1, 20)),
    ("2025.1.8", None, datetime.date(2025, 1, 8)),
    ("２０２５年１月８日", None, datetime.date(2025, 1, 8)),
    ("二〇二五年一月二十一日", None, datetime.date(2025, 1, 21)),
    ("2025 年 1 月 8 日", None, datetime.date(2025, 1, 8)),
    ("2013139", 2012, None),
    ("南安镇人民政府", None, None),
])
def test_signing_dates_tolerate_mangled_forms(text, year, expected):
    assert importer.parse_date(text, year) == expected


REPORT_2023 = """槐荫镇2023年政府信息公开工作年度报告
本报告依据《中华人民共和国政府信息公开条例》编制，本报告所列数据的统计期限为2023年1月1日至2023年12月31日。
一、总体情况
（一）主动公开
全年通过县政府门户网站槐荫镇专栏主动公开政府信息一百余条。
（二）监督保障。镇政府将政务公开纳入年度考核，全年未发生责任追究情形。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
部分栏目更新不够及时，下一步将落实专人负责。
六、其他需要报告的事项
本年度未收取信息处理费。
槐荫镇人民政府
2024年1月18日
"""


def test_2021_text_report_sections_levels_and_signature():
    result = importer.parse_text(REPORT_2023)
    assert (result.township, result.year, result.schema) == ("槐荫镇", 2023, "2021")
    assert [(s.heading, s.level) for s in result.sections][:4] == [
        ("", 0), ("一、总体情况", 1), ("（一）主动公开", 2), ("（二）监督保障", 2)]
    assert result.sections[3].text == "镇政府将政务公开纳入年度考核，全年未发生责任追究情形。"
    assert [s.heading for s in result.sections if s.level == 1][-1] == "六、其他需要报告的事项"
    assert (result.signing_body, result.date) == ("槐荫镇人民政府", datetime.date(2024, 1, 18))
    assert result.unplaced == []


def _docx_2019(path):
    document = docx.Document()
    document.add_heading("柳溪乡2020年政府信息公开工作年度报告", level=0)
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2020年，柳溪乡扎实推进政务公开。")
    document.add_paragraph("二、主动公开政府信息情况")
    t2 = document.add_table(rows=4, cols=4)
    for r, row in enumerate([["第二十条第（一）项", "", "", ""],
                             ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                             ["规范性文件", "2", "2", "15"],
                             ["行政许可", "30", "-2", "41"]]):
        for c, text in enumerate(row):
            t2.cell(r, c).text = text
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = schemas.table3_row_ids("2019")
    t3 = document.add_table(rows=len(rows) + 1, cols=8)
    t3.cell(0, 0).text = "本列数据的勾稽关系"
    for i, label in enumerate(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                               "其他", "总计"], start=1):
        t3.cell(0, i).text = label
    values = {"r1": 3, "r3_1": 1, "r3_6": 1, "r3_7": 2, "r4": 1}
    for r, row_id in enumerate(rows, start=1):
        spec = next(x for x in schemas.TABLE3_ROWS["2019"] if x.id == row_id)
        label = spec.label if not spec.group else spec.label.replace(".", "．")
        t3.cell(r, 0).text = (schemas.GROUP_LABELS[spec.group] + label) if spec.group else label
        n = values.get(row_id, 0)
        t3.cell(r, 1).text = str(n) if n else ""
        t3.cell(r, 7).text = str(n)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    t4 = document.add_table(rows=2, cols=15)
    t4.cell(0, 0).text = "行政复议"
    t4.cell(0, 5).text = "行政诉讼"
    for i in range(15):
        t4.cell(1, i).text = "1" if i in (0, 4) else "0"
    document.add_paragraph("柳溪乡人民政府")
    document.add_paragraph("2021年1月25日")
    document.save(path)


def test_2019_docx_tables_and_sections(tmp_path):
    path = tmp_path / "liuxi.docx"
    _docx_2019(path)
    result = importer.parse_file(path.open("rb"), path.name)
    assert (result.township, result.year, result.schema) == ("柳溪乡", 2020, "2019")
    t = result.tables
    assert t["table2"]["normative_documents"] == {"made": 2, "published": 2, "total_public": 15}
    assert t["table2"]["licensing"] == {"previous": 30, "change": -2, "decisions": 41}
    assert t["table3"]["r3_6"]["total"] == 1
    assert t["table3"]["r1"]["natural"] == 3
    assert t["table4"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0,
                                     "total": 1}
    assert result.date == datetime.date(2021, 1, 25)


def test_legacy_docx_keeps_table_text_in_unplaced(tmp_path):
    document = docx.Document()
    document.add_paragraph("东坪镇2016年政府信息公开工作年度报告")
    document.add_paragraph("一、概述")
    document.add_paragraph("本年度主动公开信息八十条。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "主动公开信息数"
    table.cell(0, 1).text = "80"
    path = tmp_path / "dongping.docx"
    document.save(path)
    result = importer.parse_file(path.open("rb"), path.name)
    assert (result.schema, result.tables) == ("legacy", None)
    assert result.unplaced == ["主动公开信息数 | 80"]


@pytest.mark.django_db
def test_dry_run_json_prints_result_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text(REPORT_2023, encoding="gb18030")
    call_command("import_report", str(path), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "township", "year", "schema", "sections", "signing_body",
                         "date", "tables", "unplaced", "notes", "unread"}
    assert (data["township"], data["year"], data["date"]) == ("槐荫镇", 2023, "2024-01-18")
    assert data["sections"][1] == {"heading": "一、总体情况", "level": 1, "text": ""}
    assert AnnualReport.objects.count() == 0


@pytest.mark.django_db
def test_import_creates_draft_with_sections_mapped(tmp_path):
    township = make_township(name="槐荫镇")
    path = tmp_path / "r.txt"
    path.write_text(REPORT_2023, encoding="utf-8")
    call_command("import_report", str(path), "--township", township.slug)
    report = AnnualReport.objects.get(township=township, year=2023)
    assert report.status == "draft"
    assert report.schema == "2021"
    assert "统计期限为2023年1月1日" in report.section_1
    assert "<h3>（二）监督保障</h3>" in report.section_1
    assert "专人负责" in report.section_5
    assert report.signing_date == datetime.date(2024, 1, 18)


@pytest.mark.django_db
@needs_reference
def test_import_reference_as_legacy_draft_by_township_name():
    township = make_township(name="南安镇")
    result = importer.parse_text(REFERENCE.read_text(encoding="utf-8"))
    report = import_draft.create_draft(result, township)
    assert report.schema == "legacy"
    assert report.body.startswith("<h2>一、概述</h2>")
    assert "附件:南安镇2012年" in report.import_notes


REPORT_2024_WITH_TABLES = """石桥镇2024年政府信息公开工作年度报告
一、总体情况
本报告所列数据的统计期限为2024年1月1日至2024年12月31日。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
规范性文件\t2\t1\t9
行政许可\t14
行政事业性收费\t1.5
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4
二、上年结转政府信息公开申请数量\t1\t\t\t\t\t\t1
三、本年度办理结果
（一）予以公开\t4\t1\t0\t0\t0\t0\t5
（三）不予公开
1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
（五）不予处理
2.重复申请\t0\t0\t0\t0\t0\t0\t0
（七）总计\t4\t1\t0\t0\t0\t0\t5
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
更新不够及时。
六、其他需要报告的事项
无。
"""


def test_text_tables_fill_tables_and_table_labels_are_not_headings():
    result = importer.parse_text(REPORT_2024_WITH_TABLES)
    top = [s.heading for s in result.sections if s.level == 1]
    assert top == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                   "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                   "六、其他需要报告的事项"]
    assert not [s for s in result.sections if s.level == 2]
    t = result.tables
    assert t["table2"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 9}
    assert t["table2"]["fees"] == {"amount_wan_yuan": 1.5}
    assert t["table3"]["r1"]["total"] == 4
    assert t["table3"]["r2"] == {"natural": 1, "commercial": 0, "research": 0, "social": 0,
                                 "legal": 0, "other": 0, "total": 1}
    assert t["table3"]["r3_7"]["commercial"] == 1
    assert t["table4"]["review"]["total"] == 1
    from reports.validation import ERROR, validate_tables
    assert [i for i in validate_tables(t) if i.level == ERROR] == []


@pytest.mark.parametrize(("text", "township", "year"), [
    ("2023年石桥镇政府信息公开工作年度报告\n一、总体情况\n正文。", "石桥镇", 2023),
    ("2023年度清河县石桥镇人民政府政府信息公开工作年度报告\n一、总体情况\n正文。", "石桥镇", 2023),
    ("清河县石桥镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\n正文。", "石桥镇", 2022),
    ("城关街道2021年政府信息公开工作年度报告\n一、总体情况\n正文。", "城关街道", 2021),
])
def test_township_and_year_found_in_title_variants(text, township, year):
    result = importer.parse_text(text)
    assert (result.township, result.year) == (township, year)
    assert result.sections[0].heading == "一、总体情况"


def test_signing_body_and_date_on_one_line():
    text = ("石桥镇2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
            "石桥镇人民政府  2024年1月12日")
    result = importer.parse_text(text)
    assert (result.signing_body, result.date) == ("石桥镇人民政府", datetime.date(2024, 1, 12))
    assert result.sections[0].text == "正文。"


def test_docx_with_automatic_numbering_finds_the_six_headings(tmp_path):
    document = docx.Document()
    document.add_paragraph("石桥镇2022年政府信息公开工作年度报告")
    for heading in schemas.SECTION_HEADINGS["2021"]:
        document.add_heading(heading.split("、", 1)[1], level=1)  # number left to Word
        document.add_paragraph("本部分正文。")
    path = tmp_path / "auto.docx"
    document.save(path)
    result = importer.parse_file(path.open("rb"), path.name)
    assert [s.heading for s in result.sections] == list(schemas.SECTION_HEADINGS["2021"])
    assert all(s.text == "本部分正文。" for s in result.sections)
