"""Nothing unpublished reaches the public: not by URL, list, related items or counts."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Attachment, DisclosureItem
from tests.disclosure.test_attachments import PDF
from tests.factories import leaf_category, make_item, make_township

Mode = DisclosureItem.DisclosureMode


@pytest.fixture
def world(db):
    township = make_township(name="公开镇")
    category = leaf_category(township)
    published = make_item(township=township, category=category, published=True,
                          title="公开镇2024年财政预算公开")
    draft = make_item(township=township, category=category, title="秘密草稿标题甲")
    on_request = make_item(township=township, category=category, published=True,
                           disclosure_mode=Mode.ON_REQUEST, title="依申请公开信息标题乙")
    withdrawn = make_item(township=township, category=category, published=True,
                          title="已撤回信息标题丙")
    DisclosureItem.objects.filter(pk=withdrawn.pk).update(status=DisclosureItem.Status.WITHDRAWN)
    Attachment.objects.create(item=draft, file=SimpleUploadedFile("草稿附件.pdf", PDF))
    return {"township": township, "category": category, "published": published,
            "hidden": [draft, on_request, withdrawn]}


def public_pages(world):
    township, category = world["township"], world["category"]
    return [
        reverse("disclosure:county_home"),
        reverse("disclosure:township_home", args=[township.slug]),
        reverse("disclosure:category_detail", args=[township.slug, category.pk]),
        reverse("disclosure:category_detail", args=[township.slug, category.parent_id]),
        world["published"].get_absolute_url(),
    ]


def test_hidden_items_never_appear_on_any_public_page(client, world):
    for url in public_pages(world):
        body = client.get(url).content.decode()
        for item in world["hidden"]:
            assert item.title not in body, (url, item.title)
        assert "草稿附件" not in body


def test_hidden_items_answer_404_by_url(client, world):
    for item in world["hidden"]:
        assert client.get(item.get_absolute_url()).status_code in (404, 410)


def test_attachment_of_unpublished_item_is_not_served(client, world):
    draft = world["hidden"][0]
    attachment = draft.attachments.get()
    url = reverse("disclosure:attachment_download",
                  args=[world["township"].slug, draft.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_counts_include_only_public_items(client, world):
    url = reverse("disclosure:category_detail",
                  args=[world["township"].slug, world["category"].pk])
    response = client.get(url)
    assert response.context["page"].paginator.count == 1
    assert "共 1 条信息" in response.content.decode()


def test_item_url_of_another_township_is_404(client, world):
    other = make_township(name="别镇")
    item = world["published"]
    url = reverse("disclosure:item_detail", args=[other.slug, item.pk])
    assert client.get(url).status_code == 404


def test_related_items_are_only_public_ones(client, world):
    response = client.get(world["published"].get_absolute_url())
    related = list(response.context["related"])
    assert all(item.is_public for item in related)


def test_inactive_township_channel_is_hidden(client, world):
    township = world["township"]
    township.is_active = False
    township.save()
    assert client.get(reverse("disclosure:township_home", args=[township.slug])).status_code == 404
    assert client.get(world["published"].get_absolute_url()).status_code == 404


def test_published_url_never_changes_after_edits(client, world):
    item = world["published"]
    url = item.get_absolute_url()
    item.title = "公开镇2024年财政预算公开（更正）"
    item.save()
    assert item.get_absolute_url() == url
    assert client.get(url).status_code == 200


def test_item_page_carries_meta_tags_and_breadcrumb(client, world):
    body = client.get(world["published"].get_absolute_url()).content.decode()
    for name in ("SiteName", "SiteIDCode", "ColumnName", "ArticleTitle", "PubDate",
                 "ContentSource"):
        assert f'name="{name}"' in body
    assert world["township"].county.site_id_code in body
    assert "乡镇信息公开" in body
    assert world["category"].name in body


def test_unknown_page_renders_the_chinese_404(client, world):
    response = client.get("/xxgk/no-such-town/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
