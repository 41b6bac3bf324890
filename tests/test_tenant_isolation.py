"""A member of township A never reaches township B's objects in the back office.

Generated from the admin registry, not from a hand-kept list: every URL pattern of every
registered ModelAdmin (change, delete, history, chain moves, letters, exports, revisions,
diffs, imports, roll-ups) is requested for B's objects by a member of A holding every
township role, by GET and by POST, and must answer 403 or 404. Every list page, add form,
filter, search and autocomplete must leave B out. The data is the demo county (its seeders
cover every model), built once for the module and rolled back afterwards.

A new model or admin URL is covered as soon as it is registered; a model whose rows the
demo does not create for B fails `test_every_registered_model_has_rows_of_b`.
"""

from __future__ import annotations

import io
import re

import pytest
from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import URLPattern, reverse

from townships.admin_base import TownshipScopedAdmin
from townships.models import Membership, Role, Township, User

#: Models that belong to no township: county reference data a township member may at most
#: read. For these the test checks that A cannot write them.
COUNTY_DATA = {"County", "CalendarYear", "CalendarDay", "LetterTemplate", "ReportDeadline",
               "Group", "AuditEntry", "LoginFailure", "Lockout", "LoginRecord",
               "OversightDashboard", "ColumnThreshold", "TwoFactorDevice",
               # County lists and settings (wording rules, leader titles, inspection
               # thresholds, notice 代字 set by the county admin), and the log of dismissed
               # wording hits, which only the county's overseers read.
               "WordingRule", "LeaderTitle", "InspectionSettings", "NoticeCode",
               "WordingDismissal",
               # Which 政策文件 need a 政策解读 and how soon (DOMAIN.md rule 39).
               "InterpretationRule"}
#: URL parameters naming the admin's own object, or a township.
OBJECT_PARAMS = {"object_id", "id", "notice_id"}
TOWNSHIP_PARAMS = {"township_id"}
CHECKED: list[str] = []
pytestmark = pytest.mark.django_db


def _seed_demo() -> tuple[Township, Township, User]:
    from demo.seeding import build_demo

    ctx = build_demo(io.StringIO(), townships=2)  # two townships are enough, and twice as fast
    town_a, town_b = ctx.townships
    member_a = User.objects.create_user("isolation-a", password="x-Isolation-12", is_staff=True)
    for role in Role:
        if role not in (Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN):
            Membership.objects.create(user=member_a, township=town_a, role=role)
    return town_a, town_b, member_a


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        town_a, town_b, member_a = _seed_demo()
        client = Client()
        client.force_login(member_a)
        yield {"a": town_a, "b": town_b, "user": member_a, "client": client}
        transaction.set_rollback(True)


def township_path(model_admin) -> str | None:
    """How the admin's rows reach their township (TownshipScopedAdmin, or any admin that
    declares `township_path`)."""
    if isinstance(model_admin, TownshipScopedAdmin) or hasattr(model_admin, "township_path"):
        return model_admin.township_path
    if model_admin.model is User:
        return "memberships__township"
    return None


def rows_of(model, model_admin, township) -> QuerySet:
    path = township_path(model_admin)
    qs = model._default_manager.filter(**{path: township.pk})
    if model is User:  # accounts that belong to B alone
        qs = qs.exclude(memberships__township__isnull=True).exclude(
            pk__in=Membership.objects.exclude(township=township).values("user_id"))
    return qs.distinct()


def scoped_admins():
    return [(m, ma) for m, ma in admin.site._registry.items() if township_path(ma)]


def parameters(pattern: URLPattern) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))


def parameter_values(name: str, param: str) -> list:
    """The values a pattern's other parameters take (a move, a check, a year)."""
    if param == "action" and name.endswith("_chain"):
        from signoff.selectors import ACTION_LABELS

        return list(ACTION_LABELS)
    if param == "action" and name == "applications_application_act":
        from applications.staff_forms import ACTION_FORMS

        return list(ACTION_FORMS)
    if param == "check_key":
        from oversight.checks import CHECKS

        return [check.key for check in CHECKS]
    if param == "year":
        return [2025]
    if param == "hit_id":  # a wording hit to dismiss: every township's (B's answer 403)
        from oversight.models import WordingHit

        return list(WordingHit.objects.order_by("township_id", "pk")
                    .values_list("pk", flat=True)[:6])
    if param == "kind":  # a printed document's format (审签单, 督促整改通知)
        return ["docx", "pdf"]
    raise AssertionError(f"unknown <{param}> values for {name}: teach parameter_values()")


def expand(name: str, kwargs: dict, extra: list[str]) -> list[str]:
    urls = [kwargs]
    for param in extra:
        urls = [{**k, param: v} for k in urls for v in parameter_values(name, param)]
    return [reverse(f"admin:{name}", kwargs=k) for k in urls]


def object_urls(model_admin, obj) -> list[str]:
    urls = []
    for pattern in model_admin.get_urls():
        params = parameters(pattern)
        if not pattern.name or not (OBJECT_PARAMS & set(params)):
            continue
        kwargs = {p: obj.pk for p in params if p in OBJECT_PARAMS}
        urls += expand(pattern.name, kwargs, [p for p in params if p not in kwargs])
    return urls


def township_urls(township) -> list[str]:
    """Every admin URL that names a township in its path (e.g. a dashboard drill-down)."""
    urls = []
    for model_admin in admin.site._registry.values():
        for pattern in model_admin.get_urls():
            params = parameters(pattern)
            if pattern.name and TOWNSHIP_PARAMS & set(params):
                kwargs = {p: township.pk for p in params if p in TOWNSHIP_PARAMS}
                urls += expand(pattern.name, kwargs, [p for p in params if p not in kwargs])
    return urls


def list_urls(model_admin) -> list[str]:
    urls = []
    for pattern in model_admin.get_urls():
        params = parameters(pattern)
        if not pattern.name or (OBJECT_PARAMS | TOWNSHIP_PARAMS) & set(params):
            continue
        urls += expand(pattern.name, {}, params)
    return urls


def test_every_registered_model_has_rows_of_b(world):
    missing = [m.__name__ for m, ma in scoped_admins()
               if not rows_of(m, ma, world["b"]).exists()]
    assert not missing, f"the demo creates no rows of township B for {missing}"
    unscoped = {m.__name__ for m, ma in admin.site._registry.items() if not township_path(ma)}
    assert unscoped <= COUNTY_DATA, f"not scoped by township: {unscoped - COUNTY_DATA}"


def test_every_object_url_of_b_answers_403_or_404_to_a_member_of_a(world):
    client, checked = world["client"], 0
    for model, model_admin in scoped_admins():
        for obj in rows_of(model, model_admin, world["b"])[:3]:
            for url in object_urls(model_admin, obj):
                for method in (client.get, client.post):
                    status = method(url).status_code
                    assert status in (403, 404), (method.__name__, url, status)
                CHECKED.append(url)
                checked += 1
    for url in township_urls(world["b"]):
        for method in (client.get, client.post):
            status = method(url).status_code
            assert status in (403, 404), (method.__name__, url, status)
        checked += 1
    print(f"\ntenant isolation: {checked} object URLs of township B refused")  # noqa: T201
    assert checked >= 100


def test_county_data_cannot_be_written_by_a_township_member(world):
    client = world["client"]
    for model, model_admin in admin.site._registry.items():
        if township_path(model_admin):
            continue
        add = f"admin:{model._meta.app_label}_{model._meta.model_name}_add"
        assert client.post(reverse(add), {}).status_code == 403, model.__name__
        obj = model._default_manager.first()
        if obj is not None:
            change = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
            response = client.post(reverse(change, args=[obj.pk]), {})
            assert response.status_code in (403, 404), model.__name__


def _assert_no_b_in_choices(form, world, where: str) -> None:
    registry = admin.site._registry
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or queryset.model not in registry or field.widget.is_hidden:
            continue  # a formset's hidden pk field offers no choice (rows come scoped)
        model_admin = registry[queryset.model]
        if not township_path(model_admin):
            continue
        leaked = rows_of(queryset.model, model_admin, world["b"]).filter(
            pk__in=queryset.values("pk"))
        assert not leaked.exists(), (where, name, list(leaked[:3]))


def test_lists_filters_and_forms_never_show_b(world):
    client, b_name = world["client"], world["b"].name
    for model_admin in admin.site._registry.values():
        for url in list_urls(model_admin):
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 405), (url, response.status_code)
            if response.status_code != 200:
                continue
            if response.get("Content-Type", "").startswith("text/html"):
                assert b_name not in response.content.decode(), url
            context = response.context or {}
            if "adminform" in context:
                _assert_no_b_in_choices(context["adminform"].form, world, url)
                for formset in context.get("inline_admin_formsets", []):
                    _assert_no_b_in_choices(formset.formset.empty_form, world, url)


def test_search_never_finds_b(world):
    client = world["client"]
    for model, model_admin in scoped_admins():
        if not model_admin.search_fields:
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}"
                             "_changelist")
        for obj in rows_of(model, model_admin, world["b"])[:2]:
            body = client.get(changelist, {"q": str(obj)[:20]}).content.decode()
            change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}"
                             "_change", args=[obj.pk])
            assert f'href="{change}"' not in body, (model.__name__, str(obj))


def test_autocomplete_never_offers_b(world):
    client = world["client"]
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.get_autocomplete_fields(None):
            related = model._meta.get_field(field_name).related_model
            response = client.get(reverse("admin:autocomplete"), {
                "app_label": model._meta.app_label, "model_name": model._meta.model_name,
                "field_name": field_name, "term": ""})
            if response.status_code != 200:
                assert response.status_code in (403, 404)
                continue
            ids = {int(r["id"]) for r in response.json()["results"]}
            related_admin = admin.site._registry[related]
            b_rows = set(rows_of(related, related_admin, world["b"]).values_list("pk",
                                                                                 flat=True))
            assert not ids & b_rows, (model.__name__, field_name)


def test_isolation_world_is_not_empty(world):
    assert isinstance(world["b"], Model)
    assert world["a"].pk != world["b"].pk
