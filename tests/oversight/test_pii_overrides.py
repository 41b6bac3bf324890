"""Published items whose personal-data scan was overridden with a reason are listed."""

import pytest

from oversight.checks import get
from signoff import chain
from tests.factories import crew, make_item, make_township
from townships.models import Role

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
PHONE_BODY = "<p>咨询电话：13812345678</p>"
REASON = "该号码为村委会公开服务热线"


@pytest.fixture
def town():
    return make_township()


def test_published_item_with_override_is_flagged_once(town):
    make_item(township=town, published=True, body=PHONE_BODY, pii_reason=REASON)
    make_item(township=town, published=True)
    data = snapshot(town)["pii"]
    assert data == {"count": 1}
    assert [p.level for p in get("pii").problems(data)] == ["warning"]


def test_override_on_content_not_public_is_not_flagged(town):
    people = crew(town)
    draft = make_item(township=town, body=PHONE_BODY, created_by=people(Role.AUTHOR))
    chain.submit(draft, people(Role.AUTHOR), pii_reason=REASON)  # still in review
    withdrawn = make_item(township=town, published=True, body=PHONE_BODY, pii_reason=REASON)
    chain.withdraw(withdrawn, people(Role.PUBLISHER), reason="信息有误，撤回。")
    assert snapshot(town)["pii"] == {"count": 0}


def test_drill_down_shows_reason_and_links(town):
    item = make_item(township=town, published=True, title="村级公益岗位招聘公告",
                     body=PHONE_BODY, pii_reason=REASON)
    [row] = findings(get("pii"), town).rows
    assert row.title == "村级公益岗位招聘公告"
    assert row.cells["reason"] == REASON
    assert row.url == f"/admin/disclosure/disclosureitem/{item.pk}/change/"
    assert row.public_url == f"/xxgk/{town.slug}/content/{item.pk}/"
