"""Hostile query strings get a 400 with a Chinese JSON error before any API code runs.

A NUL byte reaches PostgreSQL as an error (500, logged at ERROR, which fires the alerts
operators set up); control characters, bytes that are not UTF-8 (decoded by Django to
U+FFFD), lone surrogates and overlong values are never valid in any parameter of the
open-data API either.
"""

from __future__ import annotations

import re

from django.http import JsonResponse

PREFIX = "/api/"
MAX_LENGTH = 200
BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffd]")


def bad_parameter(query) -> tuple[str, str] | None:
    """(parameter name, reason) of the first unacceptable parameter, or None."""
    for key, values in query.lists():
        for text in (key, *values):
            if BAD.search(text):
                return key, "含有不允许的字符（空字符、控制字符或无效编码）"
            if len(text) > MAX_LENGTH:
                return key, f"过长（最多{MAX_LENGTH}个字符）"
    return None


class BadParametersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX):
            if BAD.search(request.path):
                return JsonResponse({"detail": "地址含有不允许的字符。"}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            problem = bad_parameter(request.GET)
            if problem:
                name, reason = problem
                shown = BAD.sub("?", name)[:40]
                return JsonResponse({"detail": f"参数“{shown}”{reason}。"}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
        return self.get_response(request)
