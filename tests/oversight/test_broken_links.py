"""Links in published bodies to this site's pages are checked against the database."""

import datetime

import pytest
from django.utils import timezone

from disclosure.models import DisclosureItem
from oversight import linkscan
from oversight.checks import get
from oversight.models import InternalLink
from signoff import chain
from tests.factories import crew, leaf_category, make_item, make_township
from townships.models import Role

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_township()


def body_linking(*hrefs: str) -> str:
    return "".join(f'<p><a href="{href}">相关信息{n}</a></p>' for n, href in enumerate(hrefs))


def test_links_to_missing_or_non_public_pages_are_broken(town, settings):
    settings.SITE_DOMAIN = "www.qinghe.gov.cn"
    other = make_township()
    public = make_item(township=town, published=True)
    draft = make_item(township=town)
    category = leaf_category(town)
    source = make_item(township=town, published=True, body=body_linking(
        f"/xxgk/{town.slug}/content/{public.pk}/",  # fine
        f"/xxgk/{town.slug}/content/{draft.pk}/",  # draft: broken
        f"https://www.qinghe.gov.cn/xxgk/{town.slug}/content/99999/",  # missing: broken
        f"/xxgk/{other.slug}/content/{public.pk}/",  # wrong township: broken
        f"/xxgk/{town.slug}/mulu/{category.pk}/",  # fine
        "/xxgk/no-such-town/",  # broken
        "/no/such/page/",  # broken
        "https://www.gov.cn/zhengce/",  # external: not checked
        "mailto:office@example.gov.cn",  # not a page
    ))
    assert snapshot(town)["links"] == {"count": 5}
    rows = findings(get("links"), town).rows
    assert {r.cells["url"] for r in rows} == {
        f"/xxgk/{town.slug}/content/{draft.pk}/",
        f"https://www.qinghe.gov.cn/xxgk/{town.slug}/content/99999/",
        f"/xxgk/{other.slug}/content/{public.pk}/", "/xxgk/no-such-town/", "/no/such/page/"}
    assert all(r.url == f"/admin/disclosure/disclosureitem/{source.pk}/change/" for r in rows)


def test_withdrawing_the_target_breaks_the_link_without_rescanning(town):
    people = crew(town)
    target = make_item(township=town, published=True)
    make_item(township=town, published=True,
              body=body_linking(f"/xxgk/{town.slug}/content/{target.pk}/"))
    assert snapshot(town)["links"] == {"count": 0}
    scanned = InternalLink.objects.count()
    chain.withdraw(target, people(Role.PUBLISHER), reason="已过时。")
    assert snapshot(town)["links"] == {"count": 1}
    assert InternalLink.objects.count() == scanned


def test_only_bodies_saved_since_the_last_scan_are_rescanned(town):
    item = make_item(township=town, published=True, body=body_linking("/nope/"))
    DisclosureItem.objects.filter(pk=item.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=2))
    assert linkscan.sync(full=True) == 1
    assert linkscan.sync() == 0
    item.body = body_linking("/nope/", "/also/missing/")
    item.save()
    assert linkscan.sync() == 1
    assert InternalLink.objects.filter(kind="none").count() == 2


def test_links_in_unpublished_items_are_not_reported(town):
    make_item(township=town, body=body_linking("/no/such/page/"))
    assert snapshot(town)["links"] == {"count": 0}


def test_relative_and_slashless_links_resolve_like_the_site(town):
    item = make_item(township=town, published=True)
    hosts = linkscan.own_hosts()
    assert linkscan.internal_path("../content/1/", hosts) is None
    assert linkscan.classify(f"/xxgk/{town.slug}/content/{item.pk}")["kind"] == "item"


def test_pictures_stored_for_rich_text_are_not_broken_links(town):
    from disclosure.models import RichTextImage

    picture = RichTextImage.objects.create(township=town, file="richtext/x/seen.png", alt="图")
    item = make_item(township=town, published=True)
    # As the editor stores it (the sanitiser keeps only pictures it knows; set it directly).
    DisclosureItem.objects.filter(pk=item.pk).update(
        body=f'<p><img src="/media/{picture.file.name}" alt="图"></p>', updated_at=timezone.now())
    linkscan.sync(full=True)
    assert InternalLink.objects.filter(kind="media", township=town).count() == 1
    assert list(linkscan.broken_links([town.pk])) == []
    picture.delete()
    assert [link.url for link in linkscan.broken_links([town.pk])] == [
        f"/media/{picture.file.name}"]
