"""The sign-off log is insert-only: no update, no delete, through the ORM or the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from signoff import chain
from signoff.models import SignOff
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_township, make_user
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    chain.submit(item, staff[Role.AUTHOR], comment="请审核")
    return SignOff.objects.get()


def test_saving_an_existing_entry_is_refused(entry):
    entry.comment = "改过的意见"
    with pytest.raises(ValidationError):
        entry.save()
    entry.refresh_from_db()
    assert entry.comment == "请审核"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(ValidationError):
        entry.delete()
    assert SignOff.objects.count() == 1


def test_queryset_update_and_delete_are_refused(entry):
    with pytest.raises(ValidationError):
        SignOff.objects.filter(pk=entry.pk).update(comment="x")
    with pytest.raises(ValidationError):
        SignOff.objects.all().delete()
    assert SignOff.objects.get().comment == "请审核"


def test_admin_offers_no_change_or_delete_when_superuser(entry, client):
    client.force_login(make_user(superuser=True))
    change = client.get(reverse("admin:signoff_signoff_change", args=[entry.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    delete = client.post(reverse("admin:signoff_signoff_delete", args=[entry.pk]),
                         {"post": "yes"})
    assert delete.status_code == 403
    add = client.get(reverse("admin:signoff_signoff_add"))
    assert add.status_code == 403
    assert SignOff.objects.count() == 1
