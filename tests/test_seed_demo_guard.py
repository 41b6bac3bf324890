"""`seed_demo` refuses a production database (DEBUG off) unless explicitly allowed."""

import io

import pytest
from django.core.management import CommandError, call_command

from townships.models import User


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off_and_says_why(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as excinfo:
        call_command("seed_demo", stdout=io.StringIO())
    message = str(excinfo.value)
    assert "DEBUG 已关闭" in message
    assert "密码" in message
    assert "--allow-production" in message
    assert "create_county_admin" in message
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_runs_with_debug_off_when_explicitly_allowed(settings, tmp_path):
    settings.DEBUG = False
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    assert User.objects.filter(is_superuser=True).exists()
