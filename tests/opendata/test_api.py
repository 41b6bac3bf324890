"""The open-data API: published items and reports, filters, cursor paging, stable ids."""

import datetime

import pytest
from django.urls import reverse

from signoff import chain
from tests.factories import crew, leaf_category, make_item, make_township, publish
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db


def _get(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    return response.status_code, response.json()


def test_lists_only_published_items_when_drafts_exist(client):
    township = make_township()
    published = make_item(township=township, published=True, title="青石镇防汛抗旱应急预案")
    make_item(township=township, title="尚未发布的草稿")
    status, data = _get(client, "/items")
    assert status == 200
    assert [r["id"] for r in data["results"]] == [published.pk]
    row = data["results"][0]
    assert row["index_no"] == published.index_no
    assert row["url"] == f"http://testserver{published.get_absolute_url()}"
    assert row["township"]["slug"] == township.slug
    assert row["category"]["code"] == "zcwj-bjwj"


def test_withdrawn_item_leaves_api_and_is_listed_as_withdrawn(client):
    township = make_township()
    item = make_item(township=township, published=True)
    chain.withdraw(item, crew(township)(Role.PUBLISHER), reason="内容有误")
    assert _get(client, "/items")[1]["results"] == []
    assert _get(client, f"/items/{item.pk}")[0] == 404
    withdrawn = _get(client, "/items/withdrawn")[1]["results"]
    assert [(w["id"], w["index_no"]) for w in withdrawn] == [(item.pk, item.index_no)]


def test_withdrawn_for_its_content_is_listed_without_its_title(client):
    township = make_township()
    publisher = crew(township)(Role.PUBLISHER)
    plain = make_item(township=township, published=True, title="青石镇2026年春耕通知")
    sensitive = make_item(township=township, published=True, title="关于张某某违纪问题的通报")
    chain.withdraw(plain, publisher, reason="已过时")
    chain.withdraw(sensitive, publisher, reason="标题含个人信息", withhold_title=True)
    response = client.get("/api/v1/items/withdrawn")
    rows = response.json()["results"]
    assert [(r["id"], r["title"], r["title_withheld"]) for r in rows] == [
        (plain.pk, "青石镇2026年春耕通知", False), (sensitive.pk, None, True)]
    assert rows[1]["index_no"] == sensitive.index_no
    assert rows[1]["withdrawn_at"]
    assert "张某某" not in response.content.decode()


def test_the_publisher_withholds_the_title_when_withdrawing_in_the_back_office(client):
    township = make_township()
    publisher = crew(township)(Role.PUBLISHER)
    item = make_item(township=township, published=True, title="关于张某某违纪问题的通报")
    client.force_login(publisher)
    url = reverse("admin:disclosure_disclosureitem_chain", args=[item.pk, "withdraw"])
    page = client.get(url).content.decode()
    assert "不列标题" in page
    response = client.post(url, {"comment": "标题含个人信息", "withhold_title": "on"})
    assert response.status_code == 302
    client.logout()
    rows = _get(client, "/items/withdrawn")[1]["results"]
    assert [(r["id"], r["title"]) for r in rows] == [(item.pk, None)]


def test_filters_by_township_and_category_when_given(client):
    first, second = make_township(), make_township()
    a = make_item(township=first, published=True)
    b = make_item(township=second, published=True,
                  category=leaf_category(second, "czyjs-ys"))
    assert [r["id"] for r in _get(client, "/items", township=first.slug)[1]["results"]] == [a.pk]
    assert [r["id"] for r in _get(client, "/items", category="czyjs")[1]["results"]] == [b.pk]
    assert _get(client, "/items", township="no-such-town")[1]["results"] == []


def test_cursor_pages_through_every_item_once_in_update_order(client):
    township = make_township()
    ids = [make_item(township=township, published=True).pk for _ in range(5)]
    seen, params = [], {"limit": 2}
    for _ in range(5):
        status, data = _get(client, "/items", **params)
        assert status == 200
        seen += [r["id"] for r in data["results"]]
        if not data["next_cursor"]:
            break
        params["cursor"] = data["next_cursor"]
    assert seen == ids


def test_updated_since_returns_only_later_changes(client):
    township = make_township()
    old = make_item(township=township, published=True)
    cutoff = old.updated_at + datetime.timedelta(microseconds=1)
    new = make_item(township=township, published=True)
    rows = _get(client, "/items", updated_since=cutoff.isoformat())[1]["results"]
    assert [r["id"] for r in rows] == [new.pk]


def test_bad_cursor_and_limit_answer_400_in_chinese(client):
    status, data = _get(client, "/items", cursor="not-a-cursor")
    assert status == 400
    assert "cursor" in data["detail"]
    status, data = _get(client, "/items", limit=1000)
    assert status == 400
    assert "参数有误" in data["detail"]


def test_report_carries_frozen_tables_in_interchange_format(client):
    township = make_township()
    report = make_report(township=township, year=2023)
    publish(report)
    status, data = _get(client, "/reports")
    assert status == 200
    row = data["results"][0]
    assert row["id"] == report.pk
    assert row["tables"]["schema"] == "2021"
    assert row["tables"]["table3"]["r1"]["total"] == report.frozen_tables["table3"]["r1"]["total"]
    assert row["xlsx_url"].endswith(reverse("reports:report_xlsx", args=[township.slug, 2023]))
    assert _get(client, f"/reports/{report.pk}")[1]["year"] == 2023


def test_unpublished_report_is_not_listed(client):
    make_report(township=make_township(), year=2023)
    assert _get(client, "/reports")[1]["results"] == []


def test_openapi_description_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/items", "/api/v1/reports", "/api/v1/items/{item_id}"} <= set(paths)


def test_item_list_query_count_does_not_grow_with_items(client, django_assert_max_num_queries):
    township = make_township()
    make_item(township=township, published=True)
    client.get("/api/v1/items")
    with django_assert_max_num_queries(6) as few:
        client.get("/api/v1/items")
    for _ in range(4):
        make_item(township=township, published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/items")
