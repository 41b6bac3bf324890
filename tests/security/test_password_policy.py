"""Password policy: >= 10 characters, three of four classes, no username, not common, not
built from county/township/user names, years or common patterns."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import make_county, make_township
from townships.models import User

pytestmark = pytest.mark.django_db


def problems(password, username="zhangwei", full_name=""):
    try:
        with translation.override("zh-hans"):
            validate_password(password, User(username=username, full_name=full_name))
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


@pytest.fixture
def county_with_townships():
    county = make_county()
    county.name = "青山县"
    county.save()
    township = make_township(name="青石镇", county=county)
    township.slug = "qingshi"
    township.save()
    make_township(name="南岭乡", county=county)
    return county


@pytest.mark.parametrize(("password", "full_name", "why"), [
    ("Qingshi2026!", "", "名称的拼音“qingshi”"),      # the examples
    ("P@ssw0rd2026", "", "常见密码“p@ssw0rd”"),
    ("Zhangsan@123", "张三", "名称的拼音“zhangsan”"),
    ("Zhangsan@123", "", "常见单词或键盘顺序“zhangsan”"),
    ("Nanling#2026x", "", "名称的拼音“nanling”"),       # township name in pinyin, suffix dropped
    ("Nanlingxiang@88", "", "名称的拼音“nanlingxiang”"),
    ("Qingshan#2026", "", "名称的拼音“qingshan”"),       # the county
    ("青石镇Abc#2026", "", "名称（“青石镇”）"),            # the Chinese name
    ("Liming_1990#", "黎明", "名称的拼音“liming”"),      # the user's own name
    ("Qwerty@2026!", "", "键盘顺序“qwerty”"),
    ("Woaini1314@", "", "常见密码“woaini1314”"),
    ("Aa123456789!", "", "常见密码“aa123456789”"),
    ("Xy#1999-2026", "", "年份"),
])
def test_passwords_built_from_names_years_and_patterns_are_refused(
        county_with_townships, password, full_name, why):
    messages = problems(password, username="someone", full_name=full_name)
    assert any(why in m for m in messages), messages


@pytest.mark.parametrize("password", [
    "Shuiyun#Kite-47", "huangHe-liu-2026", "Demo@2026qh", "7Tq#pMzr-Lw2x",
])
def test_unrelated_passwords_are_accepted(county_with_townships, password):
    assert problems(password, username="someone", full_name="张三") == []
