"""`manage.py check_report_tables FILE.json`: one line per issue, exit 1 on errors."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.reports.factories import reconciling_tables


def _run(tmp_path, tables, capsys):
    path = tmp_path / "tables.json"
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    code = 0
    try:
        call_command("check_report_tables", str(path))
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().out.splitlines()


def test_exit_0_and_no_output_when_example_reconciles(tmp_path, capsys):
    assert _run(tmp_path, reconciling_tables(), capsys) == (0, [])


def test_exit_1_with_error_line_when_outcome_total_is_wrong(tmp_path, capsys):
    tables = reconciling_tables()
    tables["table3"]["r3_7"]["total"] = 13811
    tables["table3"]["r3_7"]["natural"] += 1
    code, lines = _run(tmp_path, tables, capsys)
    assert code == 1
    assert lines[0].startswith("ERROR r3_7.natural: ")
    assert any(line.startswith("ERROR r3_7.total: ") for line in lines)


def test_exit_0_with_warning_line_when_only_warnings(tmp_path, capsys):
    tables = reconciling_tables()
    tables["table2"]["regulations"]["in_force"] = 1
    code, lines = _run(tmp_path, tables, capsys)
    assert code == 0
    assert lines == [lines[0]]
    assert lines[0].startswith("WARNING table2.regulations: ")


def test_clear_message_when_file_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON 格式错误"):
        call_command("check_report_tables", str(path))


def test_warning_line_when_previous_years_carry_out_differs(tmp_path, capsys):
    previous = reconciling_tables()
    previous["table3"]["r4"] = {"natural": 500, "total": 500}
    prev_path = tmp_path / "prev.json"
    prev_path.write_text(json.dumps(previous), encoding="utf-8")
    path = tmp_path / "now.json"
    path.write_text(json.dumps(reconciling_tables()), encoding="utf-8")
    call_command("check_report_tables", str(path), "--previous", str(prev_path))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines if " r2." in line] == [
        "WARNING r2.natural", "WARNING r2.total"]
    assert all(line.startswith("WARNING ") for line in lines)
