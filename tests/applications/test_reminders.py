"""The daily reminder command emails handlers about due-soon and overdue applications."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_handlers_emailed_when_application_due_within_5_working_days():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    handler.email = "dzb@example.gov.cn"
    handler.save()
    author = make_member(township=township, role=Role.AUTHOR)
    author.email = "author@example.gov.cn"
    author.save()
    soon = make_application(township=township, received_on=datetime.date(2024, 3, 4))  # due 04-01
    make_application(township=township, received_on=datetime.date(2024, 3, 25))  # due later
    call_command("send_deadline_reminders", "--date", "2024-03-26", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dzb@example.gov.cn"]
    assert soon.tracking_number in message.body
    assert "王建国" not in message.body
    assert message.body.count("答复期限") == 1
