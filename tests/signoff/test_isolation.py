"""Chain pages never show another township's reviews, log or chains; auditors act on nothing."""

import pytest
from django.urls import reverse

from signoff import chain
from signoff.models import ChainTemplate, Review, SignOff
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    town_a, town_b = make_township(name="甲镇"), make_township(name="乙镇")
    staff_b = make_staff(township=town_b)
    item_b = make_draft(township=town_b, author=staff_b[Role.AUTHOR], title="乙镇送审信息")
    chain.submit(item_b, staff_b[Role.AUTHOR])
    chain.ensure_default_chains(town_a)
    user_a = make_member(township=town_a, role=Role.TOWNSHIP_ADMIN)
    for role in (Role.OFFICE_HEAD, Role.PUBLISHER):
        make_member(township=town_a, role=role, user=user_a)
    return {"a": town_a, "b": town_b, "item_b": item_b, "user_a": user_a, "staff_b": staff_b}


def test_changelists_never_list_other_township_chain_rows(client, world):
    client.force_login(world["user_a"])
    for name in ("review", "signoff", "pendingreview", "chaintemplate"):
        page = client.get(reverse(f"admin:signoff_{name}_changelist")).content.decode()
        assert "乙镇" not in page, name


def test_chain_rows_of_other_township_answer_404(client, world):
    client.force_login(world["user_a"])
    review = Review.objects.get()
    entry = SignOff.objects.get()
    template = ChainTemplate.objects.filter(township=world["b"]).first()
    urls = [reverse("admin:signoff_review_change", args=[review.pk]),
            reverse("admin:signoff_signoff_change", args=[entry.pk]),
            reverse("admin:signoff_chaintemplate_change", args=[template.pk]),
            reverse("admin:disclosure_disclosureitem_chain", args=[world["item_b"].pk, "approve"])]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (403, 404), url
    review.refresh_from_db()
    assert review.current_step == 0


def test_county_auditor_reads_item_page_but_is_offered_no_move(client, world):
    auditor = make_member(role=Role.COUNTY_AUDITOR)
    client.force_login(auditor)
    item = world["item_b"]
    page = client.get(reverse("admin:disclosure_disclosureitem_change", args=[item.pk]))
    assert page.status_code == 200
    assert "/chain/" not in page.content.decode()
    response = client.post(reverse("admin:disclosure_disclosureitem_chain",
                                   args=[item.pk, "approve"]), {"attest": "on", "version": 1})
    assert response.status_code in (200, 403)
    assert SignOff.objects.count() == 1
