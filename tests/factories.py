"""Keyword-only factory functions for test data. Each test names what it depends on."""

from __future__ import annotations

import datetime
import itertools

from demo.walkthrough import publish_through_chain
from disclosure.models import Category, DisclosureItem
from townships.models import County, Membership, Office, Role, Township, User

_seq = itertools.count(1)


def make_county(*, name: str = "清河县") -> County:
    county = County.objects.filter(name=name).first()
    if county:
        return county
    return County.objects.create(
        name=name, full_name=f"{name}人民政府", division_code="990100",
        site_name=f"{name}人民政府门户网站", sponsor=f"{name}人民政府办公室",
        site_id_code="9901000001", icp_record="某ICP备00000000号-1",
        police_record="某公网安备99010002000001号", police_record_code="99010002000001",
    )


def make_township(*, name: str | None = None, county: County | None = None) -> Township:
    """A township; its catalogue is copied from the county template on creation."""
    n = next(_seq)
    county = county or make_county()
    name = name or f"测试{n}镇"
    township = Township.objects.create(
        county=county, name=name, full_name=f"{county.name}{name}人民政府", slug=f"town{n}",
        division_code=f"990100{n:03d}000"[:12], org_code=f"11990100{n:08d}XY"[:18],
        phone="0000-1234567", address=f"{name}政府路1号",
        office_hours="工作日 8:30-12:00, 14:30-17:30",
        fax="0000-1234568", email=f"town{n}@example.gov.cn",
    )
    return township


def make_office(*, township: Township, name: str = "党政综合办公室") -> Office:
    return Office.objects.get_or_create(township=township, name=name)[0]


def make_user(*, username: str | None = None, password: str = "pw-for-tests-123",  # noqa: S107
              superuser: bool = False) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(username=username, password=password, is_staff=True,
                                    full_name=username, is_superuser=superuser)
    return user


def make_member(*, township: Township | None = None, role: str = Role.AUTHOR,
                county: County | None = None, user: User | None = None,
                office: Office | None = None) -> User:
    user = user or make_user()
    if role in (Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN):
        Membership.objects.create(user=user, county=county or make_county(), role=role)
    else:
        Membership.objects.create(user=user, township=township, role=role, office=office)
    return user


def leaf_category(township: Township, code: str = "zcwj-bjwj") -> Category:
    return Category.objects.get(township=township, code=code)


def make_item(*, township: Township, title: str | None = None, category: Category | None = None,
              published: bool = False, written_on: datetime.date | None = None,
              published_on: datetime.date | None = None, pii_reason: str = "",
              **fields) -> DisclosureItem:
    item = DisclosureItem(
        township=township,
        category=category or leaf_category(township),
        title=title or f"关于开展第{next(_seq)}批农村人居环境整治的通知",
        publisher_name=township.full_name,
        written_on=written_on or datetime.date(2024, 3, 1),
        published_on=published_on,
        **fields,
    )
    people = crew(township)
    if published and item.created_by_id is None:
        item.created_by = people(Role.AUTHOR)
    item.full_clean()
    item.save()
    if published:
        publish(item, pii_reason=pii_reason)
    return item


def crew_users(township: Township) -> dict[tuple[str, str], User]:
    """The crew as DemoContext wants it: {(township slug, role): user} for every role."""
    people = crew(township)
    return {(township.slug, role.value): people(role) for role in Role
            if role not in (Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN)}


def crew(township: Township):
    """One member per chain role of the township, made once: `people(role) -> User`."""

    def people(role: str) -> User:
        user, created = User.objects.get_or_create(
            username=f"crew{township.pk}-{role}",
            defaults={"is_staff": True, "full_name": f"{township.name}{role}"})
        if created:
            Membership.objects.create(user=user, township=township, role=role)
        return user

    return people


def publish(obj, *, author: User | None = None, pii_reason: str = ""):
    """Publish an item or report the way the back office does: through its whole chain."""
    township = obj.township
    publish_through_chain(obj, crew(township), author=author or obj.created_by,
                          pii_reason=pii_reason)
    obj.refresh_from_db()
    return obj
