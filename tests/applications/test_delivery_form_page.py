"""The 登记送达 page as the 党政办 uses it: a case with one notice has it chosen already, and a
refused submission says at the top that fields below need fixing."""

import datetime

import pytest
from django.urls import reverse

from applications import transitions
from applications.models import Delivery
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied():
    town = make_township()
    clerk = make_member(township=town, role=Role.PUBLISHER)
    app = make_application(township=town, received_on=datetime.date(2026, 11, 2))
    transitions.reply(app.pk, user=clerk, outcome="r3_1", text="现将有关信息提供给您。",
                      on=datetime.date(2026, 11, 20))
    return app, clerk


def test_the_only_document_is_chosen_and_an_empty_submit_is_summarised(client, replied):
    app, clerk = replied
    client.force_login(clerk)
    url = reverse("admin:applications_application_delivery", args=[app.pk])
    form = client.get(url).context["form"]
    assert len(form.fields["document"].choices) == 2  # the empty choice and the reply
    assert form.initial["document"] == form.fields["document"].choices[1][0]
    page = client.post(url, {}).content.decode()
    assert '<p class="errornote" role="alert">请修改下面标出的错误。</p>' in page
    assert not Delivery.objects.exists()


def test_the_applicants_notice_table_scrolls_in_its_own_region_on_a_phone(client, replied):
    app, _clerk = replied
    url = reverse("applications:status", args=[app.township.slug])
    page = client.post(url, {"tracking_number": app.tracking_number, "phone": app.phone})
    html = page.content.decode()
    region = '<div class="table-scroll" role="region" aria-labelledby="documents-heading"'
    assert region in html
    assert html.index(region) < html.index('<table class="status-documents"')
