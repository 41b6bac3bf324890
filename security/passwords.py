"""Password rules beyond Django's built-in validators, with Chinese messages."""

from __future__ import annotations

import contextlib
import re
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


# ---- Names, years and common patterns (issue 25) ---------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The most common passwords in Chinese leaks (CSDN, 天涯, 178, 多玩, 12306 and later lists),
# lower case. A password that is one of these, or one of these plus a few characters, is
# refused.
COMMON_CHINESE_PASSWORDS = _words("""
123456 123456789 12345678 111111 000000 123123 5201314 1314520 666666 888888 88888888
11111111 654321 7758521 112233 121212 123321 147258 147258369 159357 159753 168168 1234567
1234567890 987654321 9876543210 789456 741852963 963852741 123654 520520 5211314 521521
a123456 a12345678 a123456789 aa123456 aa123456789 abc123 abc123456 abc12345 abcd1234
qq123456 qq5201314 qwe123 qwe123456 123qwe qweasd qweasdzxc 1qaz2wsx 1q2w3e4r 1qazxsw2
1q2w3e4r5t qazwsx zxcvbnm zxc123 asd123 asdasd asdfgh qwerty qwertyuiop q1w2e3r4
woaini woaini1314 woaini520 aini1314 iloveyou password password1 passw0rd p@ssw0rd
admin admin123 admin888 admin@123 root123 root@123 huawei huawei123 huawei@123 test123
taobao baidu wangyi tencent zhang123 wang123 li123 liu123 chen123 yang123
""")

# Words and keyboard runs that, with a few digits or symbols around them, make a weak
# password (lower case letters only; compared after undoing look-alike substitutions).
COMMON_WORDS = _words("""
password passwd admin administrator root welcome hello love iloveyou woaini aini
qwerty qwertyuiop asdfgh asdfghjkl zxcvbnm qazwsx qweasd abcdef abcdefg
zhangsan lisi wangwu zhaoliu zhangwei wangwei wangfang liwei lina zhangmin
huawei taobao baidu tencent weixin wechat zhengfu gov gongkai xxgk dangzhengban
test china zhongguo beijing shanghai
""")

LOOKALIKES = str.maketrans({"@": "a", "4": "a", "$": "s", "5": "s", "0": "o", "1": "i",
                            "!": "i", "3": "e", "7": "t", "|": "l"})
YEAR = re.compile(r"(19|20)\d\d")
PLACE_SUFFIXES = ("街道办事处", "街道", "人民政府", "县", "镇", "乡", "区", "市")
MIN_OWN_LETTERS = 4  # letters a password needs beyond a name or common word
MIN_LETTERS_WITH_YEAR = 5


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if "a" <= c <= "z")


def _variants(password: str) -> set[str]:
    """The password's letters as typed, and with look-alike digits/symbols read as letters."""
    lowered = password.lower()
    return {_letters(lowered), _letters(lowered.translate(LOOKALIKES))}


def pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return _letters("".join(lazy_pinyin(text)))


def _names_on_record(user=None) -> list[str]:
    from django.apps import apps
    from django.db import DatabaseError

    names: list[str] = []
    for model, fields in (("County", ("name",)), ("Township", ("name", "slug"))):
        with contextlib.suppress(DatabaseError):  # no tables yet (first migrate)
            rows = apps.get_model("townships", model).objects.values_list(*fields)
            names.extend(value for row in rows for value in row)
    if user is not None:
        names.extend(filter(None, (getattr(user, field, "") for field in (
            "full_name", "username", "first_name", "last_name"))))
    return names


def _forms(name: str) -> set[str]:
    """The name, and without a place suffix (青石镇 -> 青石)."""
    forms = {name}
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            forms.add(name.removesuffix(suffix))
    return forms


def name_tokens(user=None) -> tuple[set[str], set[str]]:
    """(Chinese names, letter tokens) of the county, the townships and the user."""
    chinese: set[str] = set()
    letters: set[str] = set()
    for name in _names_on_record(user):
        for form in _forms(name):
            if any("\u4e00" <= c <= "\u9fff" for c in form):
                if len(form) >= 2:
                    chinese.add(form)
                letters.add(pinyin(form))
            letters.update(_letters(part) for part in re.split(r"[^a-zA-Z]+", form))
            letters.add(_letters(form))
    return chinese, {token for token in letters if len(token) >= 4}


def _dominated_by(variants: set[str], tokens) -> str | None:
    """A token that the password's letters consist of, give or take a few letters."""
    for token in sorted(tokens, key=len, reverse=True):
        for letters in variants:
            if token in letters and len(letters) - len(token) < MIN_OWN_LETTERS:
                return token
    return None


class NamesAndPatternsValidator:
    """Refuse passwords built from the county's, a township's or the user's own name
    (Chinese or pinyin), a common word or keyboard run, a year with few letters, or one of
    the most common Chinese passwords; the message says which, in Chinese."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for common in sorted(COMMON_CHINESE_PASSWORDS, key=len, reverse=True):
            if common in lowered and len(lowered) - len(common) < 6:
                raise ValidationError(
                    _("密码以常见密码“%(word)s”为主，很容易被猜中，请换一个。") % {"word": common},
                    code="password_common_chinese")
        chinese, tokens = name_tokens(user)
        for name in sorted(chinese, key=len, reverse=True):
            if name in password:
                raise ValidationError(
                    _("密码不能包含县、乡镇或您本人的名称（“%(name)s”）。") % {"name": name},
                    code="password_contains_name")
        variants = _variants(password)
        token = _dominated_by(variants, tokens)
        if token:
            raise ValidationError(
                _("密码主要由县、乡镇或您本人名称的拼音“%(name)s”加数字、符号组成，很容易被猜中。")
                % {"name": token}, code="password_built_from_name")
        word = _dominated_by(variants, COMMON_WORDS)
        if word:
            raise ValidationError(
                _("密码主要由常见单词或键盘顺序“%(word)s”加数字、符号组成，很容易被猜中。")
                % {"word": word}, code="password_common_pattern")
        if YEAR.search(password) and len(_letters(password)) < MIN_LETTERS_WITH_YEAR:
            raise ValidationError(
                _("密码主要由年份加少量字母组成，很容易被猜中；请至少使用%(n)d个与年份无关的字母。")
                % {"n": MIN_LETTERS_WITH_YEAR}, code="password_year_pattern")

    def get_help_text(self):
        return _("密码不能由县、乡镇或本人的名称（含拼音）、年份、常见单词、键盘顺序或"
                 "常见密码拼凑而成。")
