"""Bad input, proven: property-based tests (hypothesis) over every public form and URL
parameter. Whatever arrives, the answer is never a server error and nothing is half-saved.
"""

import datetime
import string
import time
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications import antispam
from applications.models import Application, ApplicationEvent
from tests.applications.factories import VALID_ID, make_application
from tests.factories import make_item, make_township
from visits.models import VisitCounter

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
OK = {200, 301, 302, 400, 404, 405, 410, 429}

# Text a browser, a bot or an attacker might send: any Unicode, control characters, NUL,
# markup, SQL and template syntax, very long strings.
nasty = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.printable + "\x00\x0b\u202e\ufeff\ud7ff", max_size=60),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "{{ 7*7 }}", "{% debug %}",
                     "../../etc/passwd", "%00", "\x00", "null", "-1", "0", "1e309",
                     "99999999999999999999999999", "字" * 3000, "javascript:alert(1)",
                     "http://evil.example/", "//evil.example", "\\\\evil", "/\t/evil"]),
)
huge_int = st.integers(min_value=0, max_value=10**30)


@pytest.fixture
def world():
    township = make_township()
    item = make_item(township=township, published=True)
    return {"township": township, "item": item, "app": make_application(township=township)}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code in OK, (url, params, response.status_code)
    return response


@FUZZ
@given(page=nasty, category=huge_int, item=huge_int, attachment=huge_int, year=huge_int)
def test_public_url_parameters_never_cause_a_server_error(world, page, category, item,
                                                          attachment, year):
    slug = world["township"].slug
    client = Client()
    get(client, f"/xxgk/{slug}/mulu/{category}/", page=page)
    get(client, f"/xxgk/{slug}/content/{item}/")
    get(client, f"/xxgk/{slug}/content/{world['item'].pk}/file/{attachment}/")
    get(client, f"/xxgk/{slug}/nianbao/{year}/")
    get(client, f"/xxgk/{slug}/nianbao/{year}/report.docx")
    get(client, f"/xxgk/{slug}/nianbao/{year}/tables.xlsx")
    get(client, f"/xxgk/{slug}/nianbao/{year}/file/{attachment}/")
    get(client, "/", page=page, q=page)


@FUZZ
@given(slug=st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1,
                    max_size=60), page=nasty)
def test_unknown_township_slugs_answer_404(world, slug, page):
    client = Client()
    for url in (f"/xxgk/{slug}/", f"/xxgk/{slug}/zhinan/", f"/xxgk/{slug}/zhidu/",
                f"/xxgk/{slug}/yisqgk/", f"/xxgk/{slug}/yisqgk/chaxun/",
                f"/xxgk/{slug}/nianbao/"):
        response = get(client, url, page=page)
        if slug != world["township"].slug:
            assert response.status_code == 404, url


@FUZZ
@given(target=nasty)
def test_care_mode_switch_never_redirects_off_site(target):
    for name in ("site_pages:care_on", "site_pages:care_off"):
        response = Client().get(reverse(name), {"next": target})
        assert response.status_code in (302, 303)
        location = response["Location"]
        assert location.startswith("/")
        assert not location.startswith(("//", "/\\"))


@FUZZ
@given(token=nasty)
def test_visit_beacon_with_any_token_counts_nothing_and_never_fails(token):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/120")
    url = "/visits/hit/?" + urlencode({"t": token})
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
    assert not VisitCounter.objects.exists()


FORM_FIELDS = ["applicant_kind", "name", "id_type", "id_number", "contact_person", "phone",
               "email", "address", "postcode", "info_title", "info_doc_number",
               "info_description", "purpose", "provision_form", "provision_channel",
               "token", "answer", "website"]


def valid_application() -> dict:
    return {
        "applicant_kind": "natural", "name": "陈晓红", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "", "address": "东街12号",
        "postcode": "", "info_title": "", "info_doc_number": "", "purpose": "",
        "info_description": "东坪村道路硬化工程的招标公告", "provision_form": "paper",
        "provision_channel": "post", "contact_person": "", "answer": "7", "website": "",
        "token": signing.dumps({"t": int(time.time()) - 60, "q": 0}, salt=antispam.SALT),
    }


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FORM_FIELDS), nasty, max_size=6),
       dropped=st.sets(st.sampled_from(FORM_FIELDS), max_size=3))
def test_application_form_never_fails_and_never_half_saves(world, changes, dropped):
    from django.core.cache import cache

    cache.clear()  # the hourly allowance is not what this property is about
    data = {k: v for k, v in (valid_application() | changes).items() if k not in dropped}
    before = (Application.objects.count(), ApplicationEvent.objects.count())
    response = Client().post(reverse("applications:apply", args=[world["township"].slug]),
                             data)
    assert response.status_code in (200, 302, 429)
    added = Application.objects.count() - before[0]
    if response.status_code == 302:
        assert added == 1
        app = Application.objects.latest("pk")
        assert app.events.count() == ApplicationEvent.objects.count() - before[1] >= 1
        assert "\x00" not in app.name + app.address + app.info_description
    else:
        assert added == 0
        assert ApplicationEvent.objects.count() == before[1]


@FUZZ
@given(number=nasty, phone=nasty)
def test_status_lookup_never_fails_and_reveals_nothing(world, number, phone):
    from django.core.cache import cache

    cache.clear()
    response = Client().post(reverse("applications:status", args=[world["township"].slug]),
                             {"tracking_number": number, "phone": phone})
    assert response.status_code in (200, 429)
    html = response.content.decode()
    assert world["app"].name not in html
    assert VALID_ID not in html


@FUZZ
@given(received=st.dates(min_value=datetime.date(1, 1, 1)), text=nasty)
def test_receipt_page_without_a_submission_is_404(world, received, text):
    response = Client().get(reverse("applications:receipt", args=[world["township"].slug]),
                            {"x": text, "d": received.isoformat()})
    assert response.status_code == 404
