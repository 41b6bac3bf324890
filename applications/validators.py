"""Checks for Chinese identity numbers, credit codes and phone numbers."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalise(value: str) -> str:
    return (value or "").strip().replace(" ", "").upper()


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value: str) -> str:
    """18-digit 居民身份证号码 (GB 11643-1999): digits, a real birth date, check character."""
    value = normalise(value)
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(_("身份证号码应为18位，前17位为数字，最后一位为数字或X。"))
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期不正确，请核对。")) from None
    if resident_id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新填写。"))
    return value


def credit_code_check_char(first17: str) -> str:
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS,
                                                           strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """18-character 统一社会信用代码 (GB 32100-2015) with its check character."""
    value = normalise(value)
    if len(value) != 18 or any(c not in _CREDIT_CHARS for c in value):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"))
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新填写。"))
    return value


def validate_phone(value: str) -> str:
    """A mainland mobile number (11 digits) or a landline with area code."""
    value = (value or "").strip().replace(" ", "")
    if value.startswith("+86"):
        value = value[3:]
    if not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise ValidationError(_("请填写11位手机号码，或带区号的固定电话（如0371-12345678）。"))
    return value
