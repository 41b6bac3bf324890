"""LOG_FORMAT=json: one JSON object per line, Chinese kept readable, tracebacks included."""

import json
import logging

from config.logging import JsonFormatter


def _record(message: str, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("ops.scheduler", logging.ERROR, __file__, 1, message, (), exc_info)


def test_json_line_has_time_level_logger_and_readable_chinese_message():
    line = JsonFormatter().format(_record("备份失败"))
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "ops.scheduler"
    assert entry["message"] == "备份失败"
    assert "备份失败" in line
    assert entry["time"].endswith("+00:00")


def test_exception_is_carried_in_one_line():
    try:
        raise ValueError("坏数据")
    except ValueError:
        import sys

        line = JsonFormatter().format(_record("失败", exc_info=sys.exc_info()))
    assert "\n" not in line
    assert "ValueError: 坏数据" in json.loads(line)["exception"]
