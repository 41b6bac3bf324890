"""Abuse protection for public forms, with no JavaScript and no third-party service.

Shared by every public form (依申请公开, 找错). A signed token carries the time the form
was shown and which plain-text question was asked; a hidden honeypot field catches naive
bots. How often an address may submit is counted separately, by the form, with a
`web.rate_limits.Allowance` that counts only accepted submissions. The question can be
answered by anyone, including screen-reader users. Each form has its own `HumanCheck(salt)`, so a
token shown on one form is worthless on another.
"""

from __future__ import annotations

import secrets
import time

from django.core import signing

MIN_SECONDS = 3
MAX_AGE = 2 * 60 * 60
RATE_WINDOW = 60 * 60

QUESTIONS = [
    ("三加四等于几？请填写数字。", {"7", "七"}),
    ("一个星期有几天？请填写数字。", {"7", "七"}),
    ("十减去二等于几？请填写数字。", {"8", "八"}),
    ("二加二等于几？请填写数字。", {"4", "四"}),
    ("五加一等于几？请填写数字。", {"6", "六"}),
]


class HumanCheck:
    """The signed-token question of one form (`salt` names the form)."""

    def __init__(self, salt: str, *, min_seconds: int = MIN_SECONDS, max_age: int = MAX_AGE):
        self.salt = salt
        self.min_seconds = min_seconds
        self.max_age = max_age

    def new_token(self) -> tuple[str, str]:
        index = secrets.randbelow(len(QUESTIONS))
        token = signing.dumps({"t": int(time.time()), "q": index}, salt=self.salt)
        return token, QUESTIONS[index][0]

    def _load(self, token: str) -> dict | None:
        try:
            data = signing.loads(token or "", salt=self.salt, max_age=self.max_age)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict) or data.get("q") not in range(len(QUESTIONS)):
            return None
        return data

    def question_for(self, token: str) -> str | None:
        data = self._load(token)
        return None if data is None else QUESTIONS[data["q"]][0]

    def check(self, token: str, answer: str, now: float | None = None) -> str | None:
        """None when fine, otherwise the reason code: "expired", "too_fast" or "wrong"."""
        now = now or time.time()
        data = self._load(token)
        if data is None:
            return "expired"
        if now - data["t"] < self.min_seconds:
            return "too_fast"
        if (answer or "").strip() not in QUESTIONS[data["q"]][1]:
            return "wrong"
        return None
