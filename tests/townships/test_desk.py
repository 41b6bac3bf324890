"""The back-office home is a desk: each person sees what waits for them, with counts."""

import pytest
from django.urls import reverse

from signoff import chain
from tests.applications.factories import make_application
from tests.disclosure.chain_factories import make_draft, make_staff
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def desk(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {panel.key: panel for panel in response.context["desk_panels"]}


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township, email=False)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知")
    return township, staff, item


def test_reviewer_sees_the_item_waiting_for_their_step(client, world):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    panels = desk(client, staff[Role.OFFICE_HEAD])
    assert panels["signoff-waiting"].count == 1
    assert panels["signoff-waiting"].entries[0].label == "关于秋季防火的通知"
    assert desk(client, staff[Role.SUPERVISOR])["signoff-waiting"].count == 0


def test_author_sees_own_drafts_then_what_was_sent_back(client, world):
    _township, staff, item = world
    assert desk(client, staff[Role.AUTHOR])["disclosure-drafts"].count == 1
    review = chain.submit(item, staff[Role.AUTHOR])
    chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="请补充时间。")
    panels = desk(client, staff[Role.AUTHOR])
    assert "disclosure-drafts" not in panels
    assert panels["signoff-sent-back"].entries[0].label == "关于秋季防火的通知"


def test_handler_sees_open_applications_of_their_township_only(client, world):
    township, staff, _item = world
    make_application(township=township)
    make_application(township=make_township())
    panels = desk(client, staff[Role.PUBLISHER])
    assert panels["applications-deadlines"].count == 1
    assert "applications-deadlines" not in desk(client, staff[Role.AUTHOR])


def test_county_auditor_gets_no_township_desk_panels(client, world):
    auditor = make_member(role=Role.COUNTY_AUDITOR)
    # the county's own panels (notices to review; next year's calendar missing, from
    # 1 November), and everyone's own login history and second factor
    # (and the annual reports' deadline from 1 December; the site's 标识 and emblem while
    # they are samples or missing)
    assert set(desk(client, auditor)) <= {"oversight-review", "calendar-missing",
                                           "report-deadline", "portal-marks",
                                           "security-my-logins", "security-two-factor"}
