"""Notifications that never fail silently.

Each e-mail goes out on its own; an error (an unreachable SMTP host, a refused address) is
recorded as a `NotificationFailure` and the next message is tried. Staff without an e-mail
address are recorded too. A township may also have a group robot (企业微信 or 钉钉 webhook):
chain moves and deadline reminders are posted there as well, signed (HMAC-SHA256) for a
DingTalk robot with 加签. The failures show on the desk (townships/desk_notifications.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import NotificationFailure, Township, User

log = logging.getLogger(__name__)
Channel = NotificationFailure.Channel

WEBHOOK_TEXT_LIMIT = 1800  # 企业微信 text messages: at most 2048 bytes


def record_failure(*, township: Township | None, recipient: User | None, channel: str, kind: str,
                   subject: str, error: str, address: str = "") -> NotificationFailure:
    log.warning("notification failed: %s %s to %s (%s): %s", channel, kind,
                address or recipient, township, error)
    return NotificationFailure.objects.create(
        township=township, recipient=recipient, channel=channel, kind=kind[:40],
        address=address[:254], subject=subject[:200], error=error[:2000])


def send_email(*, township: Township | None, user: User, subject: str, body: str,
               kind: str) -> bool:
    """One message to one person; False (and a recorded failure) when it was not sent."""
    if not user.email:
        # One open record per person and kind, refreshed, not one more every day.
        updated = NotificationFailure.objects.filter(
            recipient=user, channel=Channel.NO_ADDRESS, kind=kind, township=township,
            handled_at=None).update(subject=subject[:200], created_at=timezone.now())
        if updated:
            return False
        record_failure(township=township, recipient=user, channel=Channel.NO_ADDRESS, kind=kind,
                       subject=subject, error="该工作人员没有登记电子邮箱。")
        return False
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
    except Exception as exc:
        record_failure(township=township, recipient=user, channel=Channel.EMAIL, kind=kind,
                       subject=subject, error=f"{type(exc).__name__}: {exc}", address=user.email)
        return False
    return True


def signed_url(url: str, secret: str, *, now_ms: int | None = None) -> str:
    """A DingTalk robot URL with its 加签 parameters: sign = base64(HMAC-SHA256(secret,
    "{timestamp}\\n{secret}")), both appended to the query."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


def _post(township: Township, text: str) -> None:
    """POST the text to the township's robot; raises on any failure (HTTP, errcode != 0)."""
    url = township.webhook_url
    if township.webhook_kind == "dingtalk" and township.webhook_secret:
        url = signed_url(url, township.webhook_secret)
    payload = {"msgtype": "text", "text": {"content": text[:WEBHOOK_TEXT_LIMIT]}}
    request = urllib.request.Request(  # noqa: S310 - the township admin's configured robot URL
        url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:  # noqa: S310
        answer = response.read(4096)
    try:
        result = json.loads(answer or b"{}")
    except ValueError as exc:
        raise ValueError(f"机器人返回的不是 JSON：{answer[:200]!r}") from exc
    if result.get("errcode", 0) != 0:
        raise ValueError(f"errcode {result.get('errcode')}: {result.get('errmsg', '')}")


def post_webhook(township: Township, text: str, *, kind: str, subject: str = "") -> bool | None:
    """Post to the township's group robot. None: no robot set; False: failed (recorded)."""
    if not (township.webhook_kind and township.webhook_url):
        return None
    try:
        _post(township, text)
    except (OSError, ValueError, urllib.error.URLError) as exc:
        record_failure(township=township, recipient=None, channel=Channel.WEBHOOK, kind=kind,
                       subject=subject or text.splitlines()[0],
                       error=f"{type(exc).__name__}: {exc}",
                       address=urllib.parse.urlsplit(township.webhook_url).netloc)
        return False
    return True
