"""政策文件 published without their 政策解读 (DOMAIN.md rule 39, issue 27): counted per
township with a drill-down, by the county's rule (kinds, window); the reminder on the
author's and the 党政办's desks until an interpretation naming the document is published."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from disclosure import desk, interpretations
from disclosure.models import DisclosureItem, InterpretationRule
from oversight.checks import Context, get
from tests.factories import crew, leaf_category, make_item, make_member, make_township
from townships.models import Role

from .conftest import findings

pytestmark = pytest.mark.django_db
D = datetime.date
NORMATIVE = {"doc_type": DisclosureItem.DocType.NORMATIVE,
             "validity": DisclosureItem.Validity.VALID, "doc_number": "青政规〔2024〕1号"}


def document(township, title, **fields):
    fields = {**NORMATIVE, **fields}
    return make_item(township=township, published=True, title=title,
                     category=leaf_category(township, "zcwj-gfxwj"), **fields)


def reading(township, documents, **fields):
    item = make_item(township=township, title=f"{documents[0].title}解读",
                     category=leaf_category(township, "zcwj-zcjd"), **fields)
    interpretations.set_links(item, [d.pk for d in documents])
    from tests.factories import publish

    item.created_by = crew(township)(Role.AUTHOR)
    item.save(update_fields=["created_by"])
    return publish(item)


@pytest.fixture
def town(county):
    town = make_township(county=county)
    today = timezone.localdate()
    missing = document(town, "关于印发《村级财务管理办法》的通知")
    timely = document(town, "关于印发《河道保洁办法》的通知")
    reading(town, [timely])
    late = document(town, "关于印发《农房建设管理办法》的通知",
                    published_on=today - datetime.timedelta(days=3))
    reading(town, [late])
    document(town, "关于印发《旧管护办法》的通知", validity=DisclosureItem.Validity.REPEALED,
             repealed_on=D(2024, 6, 1))
    other_kind = document(town, "关于做好防汛工作的通知",
                          doc_type=DisclosureItem.DocType.DOCUMENT,
                          validity="", doc_number="青政发〔2024〕9号")
    return town, {"missing": missing, "timely": timely, "late": late, "other": other_kind}


def test_missing_and_late_interpretations_are_counted_per_township(county, town):
    township, _docs = town
    other = make_township(county=county)
    result = get("readings").summarize(Context(county))
    assert result[township.pk] == {"missing": 1, "late": 1, "documents": 3}
    assert result[other.pk] == {"missing": 0, "late": 0, "documents": 0}
    problems = get("readings").problems(result[township.pk])
    assert [p.text for p in problems] == ["1件政策文件没有政策解读",
                                          "1件政策文件的解读晚于规定期限发布"]


def test_the_drill_down_lists_each_document_with_its_evidence(county, town):
    township, docs = town
    found = findings(get("readings"), township)
    assert found.total == 2
    by_title = {row.title: row for row in found.rows}
    missing = by_title[docs["missing"].title]
    assert (missing.level, missing.cells["reading"]) == ("problem", "无")
    assert missing.public_url == docs["missing"].get_absolute_url()
    late = by_title[docs["late"].title]
    assert late.level == "warning"
    assert late.cells["reading"].endswith("（晚3天）")


def test_the_county_rule_sets_the_kinds_and_the_window(county, town):
    township, _docs = town
    InterpretationRule.objects.create(county=county, doc_types=["normative", "document"],
                                      window_days=5)
    result = get("readings").summarize(Context(county))
    assert result[township.pk] == {"missing": 2, "late": 0, "documents": 4}


def test_the_reminder_sits_on_the_authors_and_the_offices_desk_until_a_reading_is_out(
        county, town):
    township, docs = town
    people = crew(township)
    request = RequestFactory().get("/admin/")
    titles = {}
    stranger = make_member(township=make_township(county=county), role=Role.PUBLISHER)
    for name, user in (("author", people(Role.AUTHOR)), ("office", people(Role.PUBLISHER)),
                       ("stranger", stranger)):
        request.user = user
        panel = desk.documents_without_reading(request)
        titles[name] = [e.label for e in panel.entries] if panel else []
    expected = [f"{township.name} · {docs['missing'].title}"]
    assert titles == {"author": expected, "office": expected, "stranger": []}
    request.user = people(Role.PUBLISHER)
    entry = desk.documents_without_reading(request).entries[0]
    assert f"interpreted_documents={docs['missing'].pk}" in entry.url
    reading(township, [docs["missing"]])
    assert desk.documents_without_reading(request) is None


def test_the_county_admin_sets_the_rule_and_the_auditor_only_reads_it(county, county_admin,
                                                                       auditor, client):
    from django.urls import reverse

    client.force_login(auditor)
    assert client.get(reverse("admin:disclosure_interpretationrule_add")).status_code == 403
    client.force_login(county_admin)
    response = client.post(reverse("admin:disclosure_interpretationrule_add"),
                           {"doc_types": ["normative", "regulation"], "window_days": "40"})
    assert response.status_code == 200
    assert "30" in str(response.context["adminform"].form.errors["window_days"])
    response = client.post(reverse("admin:disclosure_interpretationrule_add"),
                           {"doc_types": ["normative", "regulation"], "window_days": "2"})
    assert response.status_code == 302
    rule = InterpretationRule.objects.get()
    assert (rule.county, rule.doc_types, rule.window_days) == (
        county, ["normative", "regulation"], 2)


def test_the_desk_link_opens_an_interpretation_form_naming_the_document(town, client):
    from django.urls import reverse

    township, docs = town
    client.force_login(crew(township)(Role.AUTHOR))
    url = (f"{reverse('admin:disclosure_disclosureitem_add')}?township={township.pk}"
           f"&category={leaf_category(township, 'zcwj-zcjd').pk}"
           f"&interpreted_documents={docs['missing'].pk}")
    form = client.get(url).context["adminform"].form
    assert form.initial["interpreted_documents"] == [str(docs["missing"].pk)]
    assert str(form.initial["category"]) == str(leaf_category(township, "zcwj-zcjd").pk)


def test_the_drill_down_page_and_the_dashboard_show_the_finding(county, town, auditor, client):
    from django.urls import reverse

    from oversight.refresh import refresh

    township, docs = town
    refresh(county)
    client.force_login(auditor)
    board = client.get(reverse("admin:oversight_dashboard")).content.decode()
    assert "1件政策文件没有政策解读" in board
    page = client.get(reverse("admin:oversight_findings", args=[township.pk, "readings"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert docs["missing"].title in html
    assert docs["timely"].title not in html
