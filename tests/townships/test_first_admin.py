"""`create_county_admin`: the first county administrator of a new installation."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_county, make_user
from townships import permissions
from townships.models import County, Membership, User

ENV = {
    "COUNTY_ADMIN_USERNAME": "xianji",
    "COUNTY_ADMIN_FULL_NAME": "王管理",
    "COUNTY_ADMIN_PASSWORD": "Qinghe-Xian-2026!",
    "COUNTY_NAME": "清河县",
    "COUNTY_FULL_NAME": "清河县人民政府",
    "COUNTY_DIVISION_CODE": "990100",
    "COUNTY_SITE_NAME": "清河县人民政府门户网站",
    "COUNTY_SPONSOR": "清河县人民政府办公室",
}


def _run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command("create_county_admin", *args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def env(monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    return monkeypatch


@pytest.mark.django_db
def test_noinput_from_environment_creates_county_and_its_administrator(env):
    output = _run("--noinput")
    user = User.objects.get(username="xianji")
    assert user.is_staff
    assert not user.is_superuser
    assert user.check_password(ENV["COUNTY_ADMIN_PASSWORD"])
    assert permissions.is_county_admin(user)
    assert County.objects.get().full_name == "清河县人民政府"
    assert "已创建县级管理员 xianji" in output


@pytest.mark.django_db
def test_second_run_changes_nothing(env):
    _run("--noinput")
    env.setenv("COUNTY_ADMIN_PASSWORD", "another-Password-99")
    assert "已存在" in _run("--noinput")
    assert User.objects.get(username="xianji").check_password(ENV["COUNTY_ADMIN_PASSWORD"])
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_existing_county_is_used_without_asking_for_its_details(monkeypatch):
    county = make_county(name="河西县")
    monkeypatch.setenv("COUNTY_ADMIN_USERNAME", "hexi")
    monkeypatch.setenv("COUNTY_ADMIN_FULL_NAME", "李管理")
    monkeypatch.setenv("COUNTY_ADMIN_PASSWORD", ENV["COUNTY_ADMIN_PASSWORD"])
    _run("--noinput")
    assert Membership.objects.get(user__username="hexi").county == county
    assert County.objects.count() == 1


@pytest.mark.django_db
def test_weak_password_is_refused_in_chinese_and_nothing_is_saved(env):
    env.setenv("COUNTY_ADMIN_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="密码只包含数字"):
        _run("--noinput")
    assert not User.objects.exists()
    assert not County.objects.exists()


@pytest.mark.django_db
def test_missing_value_names_its_environment_variable(env):
    env.delenv("COUNTY_DIVISION_CODE")
    with pytest.raises(CommandError, match="COUNTY_DIVISION_CODE"):
        _run("--noinput")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_username_of_another_account_is_refused(env):
    make_user(username="xianji")
    with pytest.raises(CommandError, match="已被其他账号使用"):
        _run("--noinput")


@pytest.mark.django_db
def test_interactive_prompts_for_every_value_and_the_password_twice(monkeypatch):
    answers = iter(["zhang", "张管理", "", "清河县", "清河县人民政府", "990100",
                    "清河县人民政府门户网站", "清河县人民政府办公室"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "Qinghe-Xian-2026!")
    _run()
    assert permissions.is_county_admin(User.objects.get(username="zhang"))


@pytest.mark.django_db
def test_interactive_mismatched_passwords_are_refused(monkeypatch):
    answers = iter(["zhang", "张管理", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    typed = iter(["Qinghe-Xian-2026!", "Qinghe-Xian-2027!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    with pytest.raises(CommandError, match="两次输入的密码不一致"):
        _run()
    assert not User.objects.exists()

