"""找错 about county-level pages (the home page, the site map, the county's own pages) reach
the county desk end to end: sent through the public form, listed on the county admin's desk
and answered there; a township page's report goes to that township, not to the county."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from feedback.models import ErrorReport
from tests.factories import make_county, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def _report(client, page_url, description):
    token = signing.dumps({"t": int(time.time()) - 60, "q": 0}, salt="feedback.report")
    response = client.post("/zhaocuo/", {
        "page_url": page_url, "page_title": "", "kind": "typo", "description": description,
        "contact_name": "", "contact_phone": "", "contact_email": "", "token": token,
        "answer": "7", "website": ""})
    assert response.status_code in (200, 302)
    return ErrorReport.objects.get(description=description)


def _panel(client, user):
    client.force_login(user)
    panels = client.get(reverse("admin:index")).context["desk_panels"]
    return next((p for p in panels if p.key == "feedback-open"), None)


def test_county_page_reports_reach_the_county_desk(client):
    county = make_county()
    township = make_township(county=county, name="青石镇")
    county_admin = make_member(role=Role.COUNTY_ADMIN, county=county)
    editor = make_member(township=township, role=Role.PUBLISHER)
    home = _report(client, "/", "首页轮播图说明有错别字。")
    site_map = _report(client, "http://testserver/wzdt/", "网站地图缺少栏目。")
    ours = _report(client, f"/xxgk/{township.slug}/zhinan/", "指南电话号码错误。")
    assert (home.township, site_map.township, ours.township) == (None, None, township)
    panel = _panel(client, county_admin)
    assert panel.count == 2
    labels = " ".join(e.label for e in panel.entries)
    assert home.reference in labels
    assert site_map.reference in labels
    assert "县级页面" in labels
    assert ours.reference not in labels
    township_panel = _panel(client, editor)
    assert [e.label.split()[0] for e in township_panel.entries] == [ours.reference]
    client.force_login(county_admin)
    change = reverse("admin:feedback_errorreport_change", args=[home.pk])
    client.post(change, {"status": "answered", "answer": "已更正。"})
    home.refresh_from_db()
    assert home.status == "answered"
    assert _panel(client, county_admin).count == 1
