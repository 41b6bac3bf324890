"""`manage.py scan_pii`: JSON lines per finding and an exit status."""

import json

import docx
import openpyxl
import pytest
from django.core.management import call_command

from tests.disclosure.chain_factories import minimal_pdf


def run(capsys, *args):
    try:
        call_command("scan_pii", *args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line]


def test_prints_json_lines_and_exits_one_when_text_file_has_findings(tmp_path, capsys):
    path = tmp_path / "名单.txt"
    path.write_text("补助名单\n张某 330102199001011234\n电话 138****5678\n李某 13812345678\n",
                    encoding="utf-8")
    code, rows = run(capsys, str(path))
    assert code == 1
    assert rows == [
        {"file": str(path), "kind": "id_card", "match": "330102199001011234", "line": 2},
        {"file": str(path), "kind": "mobile", "match": "13812345678", "line": 4},
    ]


def test_exits_zero_when_nothing_found(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("索引号 11990100000001XY/2024-00001\n青政发〔2024〕7号\n", encoding="utf-8")
    code, rows = run(capsys, str(path))
    assert (code, rows) == (0, [])


def test_reads_gb18030_text_when_not_utf8(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes("联系人电话：13912345678".encode("gb18030"))
    code, rows = run(capsys, str(path))
    assert code == 1
    assert rows[0]["match"] == "13912345678"


def test_scans_docx_paragraphs_and_tables_when_given_word_file(tmp_path, capsys):
    document = docx.Document()
    document.add_paragraph("公示如下：")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "王某"
    table.rows[0].cells[1].text = "6222021001123456789"
    path = tmp_path / "a.docx"
    document.save(path)
    code, rows = run(capsys, str(path))
    assert code == 1
    assert [(r["kind"], r["match"]) for r in rows] == [("bank_card", "6222021001123456789")]


def test_scans_xlsx_cells_including_numbers_when_given_excel_file(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机"])
    sheet.append(["赵某", 15012345678])
    sheet.append(["钱某", "150****5678"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    code, rows = run(capsys, str(path))
    assert code == 1
    assert rows == [{"file": str(path), "kind": "mobile", "match": "15012345678", "line": 2}]


def test_scans_pdf_text_layer_when_given_pdf(tmp_path, capsys):
    path = tmp_path / "a.pdf"
    path.write_bytes(minimal_pdf(["Contact", "Tel 13812345678"]))
    code, rows = run(capsys, str(path))
    assert code == 1
    assert [(r["kind"], r["match"]) for r in rows] == [("mobile", "13812345678")]


def test_exits_two_when_file_is_unreadable(tmp_path, capsys):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    code, rows = run(capsys, str(path))
    assert (code, rows) == (2, [])


@pytest.mark.django_db
def test_scans_published_items_only_when_published_flag_given(capsys):
    from tests.factories import make_item, make_township

    township = make_township()
    make_item(township=township, published=True, body="<p>联系电话13812345678</p>",
              pii_reason="公开的是单位值班电话")
    make_item(township=township, body="<p>草稿电话13912345678</p>")
    code, rows = run(capsys, "--published")
    assert code == 1
    assert [r["match"] for r in rows] == ["13812345678"]
    assert rows[0]["file"].endswith("#正文")


def test_walks_directories_when_given_a_folder(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("电话13812345678", encoding="utf-8")
    (tmp_path / "b.txt").write_text("无", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    code, rows = run(capsys, str(tmp_path))
    assert code == 1
    assert [r["file"] for r in rows] == [str(tmp_path / "sub" / "a.txt")]
