"""A member of township A never sees township B's objects in the back office."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from disclosure.models import Category, DisclosureItem
from tests.factories import make_item, make_member, make_office, make_township
from townships.models import Membership, Office, Role, Township


@pytest.fixture
def world(db):
    town_a = make_township(name="甲镇")
    town_b = make_township(name="乙镇")
    office_b = make_office(township=town_b, name="乙镇财政所")
    item_b = make_item(township=town_b, title="乙镇专项资金使用情况公示", published=True)
    draft_b = make_item(township=town_b, title="乙镇尚未发布的草稿")
    member_b = make_member(township=town_b, role=Role.AUTHOR, office=office_b)
    admin_a = make_member(township=town_a, role=Role.TOWNSHIP_ADMIN)
    for role in (Role.AUTHOR, Role.PUBLISHER):
        make_member(township=town_a, role=role, user=admin_a)
    return {
        "a": town_a, "b": town_b, "office_b": office_b, "item_b": item_b, "draft_b": draft_b,
        "member_b": member_b, "user_a": admin_a,
    }


def objects_of_b(world):
    b = world["b"]
    return {
        Township: b,
        Office: world["office_b"],
        Category: Category.objects.filter(township=b).first(),
        DisclosureItem: world["draft_b"],
        Membership: Membership.objects.filter(township=b).first(),
        type(world["member_b"]): world["member_b"],
    }


def admin_urls_for(obj):
    opts = obj._meta
    for view in ("change", "delete", "history"):
        try:
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
        except NoReverseMatch:
            continue
    for extra in ("publish",):
        try:
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_{extra}", args=[obj.pk])
        except NoReverseMatch:
            continue


def test_every_admin_url_of_b_answers_404_or_403_for_a_member_of_a(client, world):
    client.force_login(world["user_a"])
    checked = 0
    registered = set(admin.site._registry)
    for model, obj in objects_of_b(world).items():
        assert obj is not None, model
        if model not in registered:
            continue
        for url in admin_urls_for(obj):
            response = client.get(url)
            assert response.status_code in (403, 404), (url, response.status_code)
            response = client.post(url, {})
            assert response.status_code in (403, 404), (url, response.status_code)
            checked += 1
    assert checked >= 15


def test_changelists_never_list_b_objects_for_a_member_of_a(client, world):
    client.force_login(world["user_a"])
    for model in (Office, Category, DisclosureItem, Membership, Township):
        opts = model._meta
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "乙镇" not in body, opts.model_name


def test_item_form_choices_never_offer_b_rows_to_a_member_of_a(client, world):
    client.force_login(world["user_a"])
    response = client.get(reverse("admin:disclosure_disclosureitem_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(form.fields["township"].queryset) == {world["a"]}
    assert not form.fields["category"].queryset.filter(township=world["b"]).exists()
    assert not form.fields["office"].queryset.filter(township=world["b"]).exists()


def test_search_and_filters_stay_in_own_township(client, world):
    client.force_login(world["user_a"])
    url = reverse("admin:disclosure_disclosureitem_changelist")
    response = client.get(url, {"q": "乙镇"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    response = client.get(url, {"township__id__exact": world["b"].pk})
    assert response.context["cl"].result_count == 0


def test_autocomplete_for_users_never_returns_b_staff(client, world):
    client.force_login(world["user_a"])
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "townships", "model_name": "membership", "field_name": "user",
        "term": world["member_b"].username,
    })
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.json()["results"] == []


def test_creating_an_item_in_b_is_refused_for_a_member_of_a(client, world):
    client.force_login(world["user_a"])
    category_b = Category.objects.filter(township=world["b"]).first()
    response = client.post(reverse("admin:disclosure_disclosureitem_add"), {
        "township": world["b"].pk, "category": category_b.pk, "title": "越权创建",
        "publisher_name": world["b"].full_name, "written_on": "2024-03-01",
        "topic": "zhzw", "doc_type": "general", "disclosure_mode": "proactive",
        "importance": "normal",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200  # form redisplayed with errors
    assert not DisclosureItem.objects.filter(title="越权创建").exists()


def test_county_auditor_sees_every_township_and_changes_nothing(client, world):
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=world["a"].county)
    client.force_login(auditor)
    changelist = reverse("admin:disclosure_disclosureitem_changelist")
    response = client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == DisclosureItem.objects.count()
    change = reverse("admin:disclosure_disclosureitem_change", args=[world["item_b"].pk])
    response = client.get(change)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    response = client.post(change, {"title": "审计改动"})
    assert response.status_code == 403
    world["item_b"].refresh_from_db()
    assert world["item_b"].title != "审计改动"
    assert client.get(reverse("admin:disclosure_disclosureitem_add")).status_code == 403
    delete = reverse("admin:disclosure_disclosureitem_delete", args=[world["item_b"].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert DisclosureItem.objects.filter(pk=world["item_b"].pk).exists()
