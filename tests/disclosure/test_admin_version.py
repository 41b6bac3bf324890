"""The item edit form carries the version it was loaded at: a save after a concurrent submit
(or another editor's save) is refused with a clear message and changes nothing."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from disclosure.models import DisclosureItem
from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def _form(item, user, **changes):
    request = RequestFactory().get("/")
    request.user = user
    model_admin = site._registry[DisclosureItem]
    form_class = model_admin.get_form(request, obj=item, change=True)
    loaded = form_class(instance=item)
    data = {bf.name: bf.value() for bf in loaded if bf.value() is not None}
    data.update(changes)
    return form_class, data


def test_a_save_after_a_concurrent_submit_is_refused():
    township = make_township()
    staff = make_staff(township=township, email=False)
    author = staff[Role.AUTHOR]
    item = make_draft(township=township, author=author, title="原标题")
    form_class, data = _form(item, author, title="编辑中的新标题")
    assert form_class(data, instance=item).is_valid()  # unchanged since loaded: accepted
    chain.submit(DisclosureItem.objects.get(pk=item.pk), author)  # meanwhile, in another tab
    form = form_class(data, instance=DisclosureItem.objects.get(pk=item.pk))
    assert not form.is_valid()
    assert "已被他人修改或提交审签" in str(form.non_field_errors())
    item.refresh_from_db()
    assert (item.title, item.status) == ("原标题", "in_review")
