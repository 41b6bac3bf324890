"""Only county auditors and admins see the dashboard; township staff get 403, and a
township of another county answers 404."""

import pytest
from django.urls import reverse

from oversight.models import ColumnThreshold
from oversight.refresh import refresh
from tests.factories import make_county, make_item, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(county):
    township = make_township(county=county, name="青石镇")
    make_item(township=township, published=True)
    refresh(county)
    return township


def pages(town):
    return [reverse("admin:oversight_dashboard"), reverse("admin:oversight_dashboard_xlsx"),
            reverse("admin:oversight_township", args=[town.pk]),
            reverse("admin:oversight_findings", args=[town.pk, "art26"]),
            reverse("admin:oversight_findings_xlsx", args=[town.pk, "art26"])]


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.PUBLISHER, Role.TOWNSHIP_ADMIN])
def test_township_staff_get_403_on_every_dashboard_page(client, town, role):
    client.force_login(make_member(township=town, role=role))
    for url in pages(town):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("admin:oversight_refresh")).status_code == 403


def test_county_auditor_and_admin_see_every_page(client, town, auditor, county_admin):
    for user in (auditor, county_admin):
        client.force_login(user)
        for url in pages(town):
            assert client.get(url).status_code == 200, url


def test_anonymous_visitor_is_sent_to_login(client, town):
    response = client.get(reverse("admin:oversight_dashboard"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_township_of_another_county_answers_404(client, town, auditor):
    elsewhere = make_township(county=make_county(name="邻县"))
    client.force_login(auditor)
    assert client.get(reverse("admin:oversight_township", args=[elsewhere.pk])).status_code \
        == 404
    assert client.get(reverse("admin:oversight_findings",
                              args=[elsewhere.pk, "items"])).status_code == 404


def test_unknown_check_answers_404(client, town, auditor):
    client.force_login(auditor)
    url = reverse("admin:oversight_findings", args=[town.pk, "no-such-check"])
    assert client.get(url).status_code == 404


def test_township_staff_never_see_the_dashboard_in_the_app_list(client, town):
    client.force_login(make_member(township=town, role=Role.TOWNSHIP_ADMIN))
    body = client.get(reverse("admin:index")).content.decode()
    assert "监督检查总览" not in body


def test_auditor_cannot_refresh_or_set_thresholds_but_county_admin_can(
        client, town, auditor, county_admin, monkeypatch):
    started = []
    monkeypatch.setattr("oversight.refresh.refresh_in_background", started.append)
    add = reverse("admin:oversight_columnthreshold_add")
    client.force_login(auditor)
    assert client.post(reverse("admin:oversight_refresh")).status_code == 403
    assert client.post(add, {"code": "zcwj", "max_days": 90}).status_code == 403
    assert started == []
    client.force_login(county_admin)
    assert client.post(reverse("admin:oversight_refresh")).status_code == 302
    assert started == [town.county]
    assert client.post(add, {"code": "zcwj", "max_days": 90}).status_code == 302
    assert ColumnThreshold.objects.get().county == town.county


def test_threshold_code_is_unique_per_county_with_a_clear_message(client, town, county_admin):
    ColumnThreshold.objects.create(county=town.county, code="zcwj", max_days=90)
    client.force_login(county_admin)
    response = client.post(reverse("admin:oversight_columnthreshold_add"),
                           {"code": "zcwj", "max_days": 30})
    assert response.status_code == 200
    assert "本县已有该目录代码的规则" in response.content.decode()


def test_auditor_changes_nothing_outside_notices(client, town, auditor):
    item = make_item(township=town)
    client.force_login(auditor)
    change = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    response = client.post(change, {"title": "审计修改的标题"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title != "审计修改的标题"
