"""Password rules beyond Django's built-in validators, with Chinese messages."""

from __future__ import annotations

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    ("uppercase", lambda c: c in string.ascii_uppercase),
    ("lowercase", lambda c: c in string.ascii_lowercase),
    ("digit", lambda c: c.isdigit()),
    ("symbol", lambda c: not c.isalnum() and not c.isspace()),
)


def character_classes(password: str) -> int:
    """How many of uppercase, lowercase, digits and symbols the password uses."""
    return sum(1 for _name, test in CLASSES if any(test(c) for c in password))


class CharacterClassesValidator:
    """At least `min_classes` of the four character classes."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须至少包含大写字母、小写字母、数字、符号这四类中的%(n)d类。")
                % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _("密码须至少包含大写字母、小写字母、数字、符号这四类中的%(n)d类。") % {
            "n": self.min_classes}


class UsernameNotContainedValidator:
    """The password must not contain the account name (in any letter case)."""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").strip().lower()
        if username and username in password.lower():
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")

    def get_help_text(self):
        return _("密码不能包含用户名。")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with a Chinese message (Django 5.2's own has no zh-hans text)."""

    def get_error_message(self):
        return _("密码太短，至少需要%(n)d个字符。") % {"n": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(n)d个字符。") % {"n": self.min_length}
