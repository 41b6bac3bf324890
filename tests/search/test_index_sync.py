"""The index follows publication, revision and withdrawal in the same transaction."""

import pytest
from django.urls import reverse

from search.models import SearchEntry
from search.query import Filters, search
from signoff import chain
from tests.factories import crew, make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def _titles(query, **filters):
    return [e.title for e in search(query, filters=Filters(**filters)).entries]


def test_published_item_is_found_when_published():
    township = make_township()
    make_item(township=township, published=True, title="东岗村饮水安全工程竣工公示")
    assert _titles("饮水安全") == ["东岗村饮水安全工程竣工公示"]


def test_draft_item_is_not_indexed_when_saved():
    township = make_township()
    make_item(township=township, title="西湾村道路硬化项目招标公告")
    assert SearchEntry.objects.count() == 0
    assert _titles("道路硬化") == []


def test_withdrawn_item_disappears_from_search_when_withdrawn():
    township = make_township()
    item = make_item(township=township, published=True, title="东岗村饮水安全工程竣工公示")
    chain.withdraw(item, crew(township)(Role.PUBLISHER), reason="信息有误")
    assert _titles("饮水安全") == []
    assert not SearchEntry.objects.filter(object_id=item.pk).exists()


def test_search_page_lists_hit_when_query_matches(client):
    township = make_township()
    make_item(township=township, published=True, title="东岗村饮水安全工程竣工公示")
    response = client.get(reverse("search:results"), {"q": "饮水"})
    assert response.status_code == 200
    assert "<mark>饮水</mark>" in response.content.decode()


def test_revision_replaces_indexed_text_when_published():
    from demo.walkthrough import publish_through_chain
    from disclosure.models.revisions import snapshot_item
    from disclosure.revising import save_revision

    township = make_township()
    people = crew(township)
    item = make_item(township=township, published=True, title="东岗村饮水安全工程竣工公示")
    data = {**snapshot_item(item), "title": "东岗村自来水管网改造工程竣工公示"}
    revision = save_revision(item, people(Role.AUTHOR), data, note="更正工程名称")
    assert _titles("饮水安全") == ["东岗村饮水安全工程竣工公示"]  # live until published
    publish_through_chain(revision, people, author=people(Role.AUTHOR))
    assert _titles("饮水安全") == []
    assert _titles("管网改造") == ["东岗村自来水管网改造工程竣工公示"]


def test_report_is_indexed_when_published_through_chain():
    from tests.factories import publish
    from tests.reports.factories import make_report

    report = make_report(township=make_township(), year=2023,
                         section_5="<p>部分村务公开栏更新不及时。</p>")
    assert _titles("村务公开栏") == []
    publish(report)
    assert _titles("村务公开栏") == [report.title]
