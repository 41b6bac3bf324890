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
