"""E-mail goes, after commit, to the members who can act next."""

import pytest
from django.core import mail

from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_next_reviewers_are_emailed_after_commit(django_capture_on_commit_callbacks):
    township = make_township()
    staff = make_staff(township=township)
    second_head = make_member(township=township, role=Role.OFFICE_HEAD)
    second_head.email = "head2@example.gov.cn"
    second_head.save()
    make_staff(township=make_township(), roles=[Role.OFFICE_HEAD])  # elsewhere: not mailed
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review = chain.submit(item, staff[Role.AUTHOR])
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([staff[Role.OFFICE_HEAD].email, "head2@example.gov.cn"])
    assert "待审签" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        chain.request_changes(review, second_head, comment="请修改")
    assert [m.to for m in mail.outbox] == [[staff[Role.AUTHOR].email]]
    assert "退回修改" in mail.outbox[0].subject
