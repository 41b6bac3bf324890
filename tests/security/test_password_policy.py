"""Password policy: >= 10 characters, three of four classes, no username, not common."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from townships.models import User


def problems(password, username="zhangwei"):
    try:
        with translation.override("zh-hans"):
            validate_password(password, User(username=username))
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize(("password", "expected"), [
    ("Ab1#xyz", "至少"),                  # too short
    ("abcdefghijkl", "四类"),            # one class
    ("abcdefgh1234", "四类"),            # two classes
    ("Zhangwei#2026", "用户名"),         # contains the username, any case
])
def test_weak_password_is_refused_with_a_chinese_message(password, expected):
    messages = problems(password)
    assert messages
    assert any(expected in m for m in messages), messages


def test_common_password_is_refused():
    assert problems("password123")  # in Django's common-password list
    assert any("常见" in m for m in problems("password123")), problems("password123")


def test_strong_password_is_accepted():
    assert problems("Qingshi#2026ok") == []
    assert problems("qingshi-2026-ok") == []  # lowercase, digits, symbols: three classes
