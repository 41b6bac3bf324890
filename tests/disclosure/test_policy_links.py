"""政策解读 ↔ 政策文件 (DOMAIN.md rule 39): an interpretation names published documents of its
township; both public pages show the link, only while both are public; the links
are versioned with the item (a revision's links go live when it is published); the
document's cached page goes stale when an interpretation of it is published."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from disclosure import interpretations
from disclosure.models import DisclosureItem
from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import leaf_category, make_county, make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}


def publish(item, staff):
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    return item


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township, email=False)
    document = make_item(township=township, published=True,
                         title="关于印发《秸秆禁烧管理办法》的通知",
                         category=leaf_category(township, "zcwj-gfxwj"),
                         doc_type=DisclosureItem.DocType.NORMATIVE, doc_number="青政发〔2024〕3号",
                         validity=DisclosureItem.Validity.VALID)
    return township, staff, document


def reading(township, staff, title="《秸秆禁烧管理办法》政策解读"):
    return make_draft(township=township, author=staff[Role.AUTHOR], title=title,
                      category=leaf_category(township, "zcwj-zcjd"))


def form_data(client, url, **changes):
    form = client.get(url).context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items()
            if name in form.fields}
    data.update({"attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
                 "written_on": "2024-03-01"})
    for name, value in changes.items():
        data[name] = value
    data["interpreted_documents"] = [str(pk) for pk in data.get("interpreted_documents") or []]
    return data


def test_both_public_pages_link_each_other_once_the_interpretation_is_published(world, client):
    township, staff, document = world
    item = reading(township, staff)
    interpretations.set_links(item, [document.pk])
    page = client.get(document.get_absolute_url()).content.decode()
    assert "《秸秆禁烧管理办法》政策解读" not in page
    publish(item, staff)
    doc_page = client.get(document.get_absolute_url()).content.decode()
    assert 'id="interpretations-title"' in doc_page
    assert reverse("disclosure:item_detail", args=[township.slug, item.pk]) in doc_page
    reading_page = client.get(item.get_absolute_url()).content.decode()
    assert 'id="documents-title"' in reading_page
    assert document.get_absolute_url() in reading_page


def test_a_withdrawn_document_is_no_longer_shown_on_the_interpretation(world, client):
    township, staff, document = world
    item = reading(township, staff)
    interpretations.set_links(item, [document.pk])
    publish(item, staff)
    chain.withdraw(document, staff[Role.PUBLISHER], reason="文件已废止，撤回")
    page = client.get(item.get_absolute_url()).content.decode()
    assert document.get_absolute_url() not in page
    assert 'id="documents-title"' not in page


def test_the_form_offers_published_documents_of_the_township_only(world, client):
    township, staff, document = world
    neighbour = make_township(county=township.county)
    theirs = make_item(township=neighbour, published=True, title="柳溪乡防汛工作方案",
                       category=leaf_category(neighbour, "zcwj-bjwj"))
    elsewhere = make_township(county=make_county(name="远山县"))
    foreign = make_item(township=elsewhere, published=True,
                        category=leaf_category(elsewhere, "zcwj-bjwj"))
    draft = make_item(township=township, category=leaf_category(township, "zcwj-bjwj"))
    client.force_login(staff[Role.AUTHOR])
    form = client.get(reverse("admin:disclosure_disclosureitem_add")).context["adminform"].form
    offered = set(form.fields["interpreted_documents"].queryset.values_list("pk", flat=True))
    assert document.pk in offered
    assert theirs.pk not in offered  # another township's back office rows are never listed
    assert foreign.pk not in offered
    assert draft.pk not in offered


def test_only_an_interpretation_may_name_documents(world, client):
    township, staff, document = world
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于春耕的通知",
                      category=leaf_category(township, "zcwj-bjwj"))
    client.force_login(staff[Role.AUTHOR])
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    response = client.post(url, form_data(client, url, interpreted_documents=[document.pk]))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["interpreted_documents"]
    assert "只有“政策解读”栏目的信息才能选择所解读的政策文件" in errors[0]
    assert not item.document_links.exists()


def test_a_draft_saves_its_links_through_the_form(world, client):
    township, staff, document = world
    item = reading(township, staff)
    client.force_login(staff[Role.AUTHOR])
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    response = client.post(url, form_data(client, url, interpreted_documents=[document.pk]))
    assert response.status_code == 302
    assert list(item.document_links.values_list("document_id", flat=True)) == [document.pk]


def test_a_revision_carries_its_links_until_it_is_published(world, client):
    township, staff, document = world
    second = make_item(township=township, published=True, title="关于秸秆综合利用的通知",
                       category=leaf_category(township, "zcwj-bjwj"))
    item = reading(township, staff)
    interpretations.set_links(item, [document.pk])
    publish(item, staff)
    client.force_login(staff[Role.AUTHOR])
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    response = client.post(url, form_data(client, url,
                                          interpreted_documents=[document.pk, second.pk]))
    assert response.status_code == 302
    revision = item.revisions.get(number=2)
    assert revision.data["interprets"] == sorted([document.pk, second.pk])
    # Still the published links: the second document's page does not show the revision's.
    assert set(item.document_links.values_list("document_id", flat=True)) == {document.pk}
    page = client.get(second.get_absolute_url()).content.decode()
    assert 'id="interpretations-title"' not in page
    # The form shows the revision's links again, and the sign page's diff names the change.
    form = client.get(url).context["adminform"].form
    assert sorted(form.initial["interpreted_documents"]) == sorted([document.pk, second.pk])
    from disclosure.subjects import RevisionSubject

    rows = [row for row in RevisionSubject(revision).diff().meta_rows if row.changed]
    assert any("关于秸秆综合利用的通知" in row.right for row in rows)
    publish_revision = sign_all(chain.submit(revision, staff[Role.AUTHOR]), staff)
    chain.publish(publish_revision, staff[Role.PUBLISHER])
    assert set(item.document_links.values_list("document_id", flat=True)) == {
        document.pk, second.pk}
    page = client.get(second.get_absolute_url()).content.decode()
    assert item.get_absolute_url() in page


def test_publishing_an_interpretation_makes_the_documents_cached_page_stale(settings, client,
                                                                          django_capture_on_commit_callbacks):
    settings.PAGE_CACHE = True
    caches["pages"].clear()
    township = make_township()
    neighbour = make_township(county=township.county)
    staff = make_staff(township=neighbour, email=False)
    document = make_item(township=township, published=True, title="关于印发殡葬改革办法的通知",
                         category=leaf_category(township, "zcwj-gfxwj"))
    assert client.get(document.get_absolute_url(), **BROWSER)["X-Page-Cache"] == "miss"
    assert client.get(document.get_absolute_url(), **BROWSER)["X-Page-Cache"] == "hit"
    item = reading(neighbour, staff, title="殡葬改革办法解读")
    interpretations.set_links(item, [document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        publish(item, staff)
    response = client.get(document.get_absolute_url(), **BROWSER)
    assert response["X-Page-Cache"] == "miss"
    assert "殡葬改革办法解读" in response.content.decode()
