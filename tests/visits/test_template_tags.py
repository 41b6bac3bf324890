from urllib.parse import unquote

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from visits.rules import read_token


@pytest.mark.django_db
def test_report_counter_renders_and_joins_the_page_beacon(settings):
    settings.VISITS_REDIS_URL = ""
    request = RequestFactory().get("/")
    html = Template('{% load visits %}{% visit_count "report" 5 %}{% visit_count "report:6" %}'
                    "{% visit_beacon %}").render(Context({"request": request}))
    assert html.count('class="visit-count"') == 2
    token = unquote(html.split("?t=", 1)[1].split('"', 1)[0])
    assert read_token(token)["keys"] == ["report:5", "report:6"]


@pytest.mark.django_db
def test_counter_renders_nothing_when_key_is_malformed():
    html = Template('{% load visits %}{% visit_count "admin:1" %}').render(
        Context({"request": RequestFactory().get("/")}))
    assert html == ""
