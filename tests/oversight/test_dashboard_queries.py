"""The dashboard reads precomputed rows: its query count does not grow with townships or
items, and it never runs a check."""

import pytest
from django.urls import reverse

from oversight import checks
from oversight.refresh import refresh
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def dashboard_queries(client, django_assert_num_queries, expected):
    client.get(reverse("admin:oversight_dashboard"))  # warm process-wide caches first
    with django_assert_num_queries(expected):
        response = client.get(reverse("admin:oversight_dashboard"))
    assert response.status_code == 200
    return response


# session, user, the user's two OTP device lookups (two-factor), memberships, county, run,
# snapshots, 找错 reports, notices, file check, the county again (portal identity in the admin
# header), the calendar years for the next-year warning, and the session's save in its
# savepoint (idle timeout: SESSION_SAVE_EVERY_REQUEST; in Redis in production, a database row
# in tests)
QUERIES = 16


def test_query_count_is_the_same_for_2_and_6_townships(client, county, auditor,
                                                        django_assert_num_queries):
    for _n in range(2):
        make_item(township=make_township(county=county), published=True)
    refresh(county)
    client.force_login(auditor)
    small = dashboard_queries(client, django_assert_num_queries, QUERIES)
    assert len(small.context["board"].rows) == 2
    for _n in range(4):
        town = make_township(county=county)
        for _i in range(3):
            make_item(township=town, published=True)
    refresh(county)
    large = dashboard_queries(client, django_assert_num_queries, QUERIES)
    assert len(large.context["board"].rows) == 6


def test_dashboard_runs_no_precomputed_check(client, county, auditor, monkeypatch):
    make_township(county=county)
    refresh(county)
    for check in checks.CHECKS:
        if not check.live:
            monkeypatch.setattr(check, "summarize", lambda ctx: pytest.fail("check ran"))
    client.force_login(auditor)
    assert client.get(reverse("admin:oversight_dashboard")).status_code == 200


def test_dashboard_without_any_run_says_so(client, county, auditor):
    make_township(county=county)
    client.force_login(auditor)
    body = client.get(reverse("admin:oversight_dashboard")).content.decode()
    assert "尚未生成汇总数据" in body
