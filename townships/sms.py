"""Text messages (短信) through a pluggable backend; none by default.

`settings.SMS_BACKEND` names a class with `send(phone, text)` that raises on failure:

- "" (default): no SMS; `send_sms` returns None and nothing is recorded.
- "townships.sms.HttpGatewayBackend": POST {"to", "text", "sign"} as JSON to
  `SMS_GATEWAY_URL` (the county's SMS platform or a relay in front of a carrier's API), with
  `Authorization: Bearer SMS_GATEWAY_TOKEN` when a token is set; any 2xx answer whose JSON
  (if any) has no non-zero "code"/"errcode" counts as sent.
- any other dotted path: a class of the county's own.

A failure is recorded as a NotificationFailure (channel 短信) with the number masked, like
the e-mails in townships/messaging.py.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

TEXT_LIMIT = 300  # long messages are split by carriers; keep them to a few segments


class HttpGatewayBackend:
    def send(self, phone: str, text: str) -> None:
        url = settings.SMS_GATEWAY_URL
        if not url:
            raise ValueError("SMS_GATEWAY_URL 未设置")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if settings.SMS_GATEWAY_TOKEN:
            headers["Authorization"] = f"Bearer {settings.SMS_GATEWAY_TOKEN}"
        payload = {"to": phone, "text": text[:TEXT_LIMIT], "sign": settings.SMS_SIGN_NAME}
        request = urllib.request.Request(  # noqa: S310 - the operator's configured gateway
            url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
            headers=headers)
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310
            answer = response.read(4096)
        try:
            result = json.loads(answer) if answer.strip() else {}
        except ValueError:
            return  # a 2xx answer that is not JSON: accepted
        code = result.get("code", result.get("errcode", 0)) if isinstance(result, dict) else 0
        if code not in (0, "0", "OK", "ok", None):
            raise ValueError(f"code {code}: {result.get('message') or result.get('errmsg', '')}")


def backend():
    """The configured backend instance, or None when SMS is not set up."""
    path = getattr(settings, "SMS_BACKEND", "") or ""
    return import_string(path)() if path else None


def send_sms(phone: str, text: str) -> None:
    """Send through the configured backend; raises on failure (callers record it)."""
    sender = backend()
    if sender is None:
        raise RuntimeError("SMS_BACKEND 未设置")
    try:
        sender.send(phone, text)
    except urllib.error.HTTPError as exc:
        raise ValueError(f"HTTP {exc.code}") from exc
