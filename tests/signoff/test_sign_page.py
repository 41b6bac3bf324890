"""Nobody signs what they have not seen: the sign page shows the whole content, and for a
revision what changed, inline; a personal-data block links back to the field."""

import pytest
from django.urls import reverse

from disclosure import revising
from disclosure.models.revisions import snapshot_item
from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township, email=False)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知",
                      body="<p>一、防火期自10月1日起。</p><p>二、严禁野外用火。</p>")
    return township, staff, item


def sign_url(item, action="approve"):
    return reverse("admin:disclosure_disclosureitem_chain", args=[item.pk, action])


def test_first_submission_sign_page_shows_the_whole_item(world, client):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(sign_url(item)).content.decode()
    assert "送审全文" in page
    assert "<p>二、严禁野外用火。</p>" in page
    assert "本次修改的内容" not in page


def test_revision_sign_page_shows_the_diff_inline_and_the_revised_text(world, client):
    _township, staff, item = world
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    data = snapshot_item(item)
    data["body"] = "<p>一、防火期自10月15日起。</p><p>二、严禁野外用火。</p>"
    data["title"] = "关于秋季防火的补充通知"
    revision = revising.save_revision(item, staff[Role.AUTHOR], data)
    chain.submit(revision, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(sign_url(item)).content.decode()
    assert "本次修改的内容" in page
    assert "<ins>5</ins>" in page  # 10月1日 -> 10月15日
    assert "<ins>的补充</ins>" in page or "<ins>补充</ins>" in page
    assert "修订后的全文" in page
    assert "<p>一、防火期自10月15日起。</p>" in page


def test_blocked_submission_links_to_the_field_and_line(world, client):
    _township, staff, item = world
    item.body = "<p>第一段。</p><p>联系人王某，电话13812345678。</p>"
    item.save()
    client.force_login(staff[Role.AUTHOR])
    page = client.post(sign_url(item, "submit"), {"comment": ""}).content.decode()
    change = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    assert f'<a href="{change}#id_body">正文</a>' in page
    assert "第2行" in page
    assert "13812345678" in page
