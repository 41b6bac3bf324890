"""Personal data past its retention period is anonymised (manage.py anonymise_personal_data):
only expired records, only the registered fields, once (a second run changes nothing),
audited without the values, with a dry run that counts and changes nothing; the statistics
and annual-report tables of the demo county are the same before and after."""

from __future__ import annotations

import datetime
import io

import pytest
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from applications.models import Application
from feedback.models import ErrorReport
from reports.statistics import derive_tables
from security.personal_data import ANONYMISED
from security.retention import anonymise
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from tests.feedback.factories import make_report, shanghai
from townships.models import Role

NOW = shanghai(2026, 12, 6)


def run(*args) -> str:
    out = io.StringIO()
    call_command("anonymise_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world(db, settings):
    settings.PERSONAL_DATA_APPLICATION_YEARS = 5
    settings.PERSONAL_DATA_ERROR_REPORT_YEARS = 2
    settings.PERSONAL_DATA_LOG_DAYS = 180
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    old = close(make_application(township=township, received_on=datetime.date(2020, 3, 2),
                                 email="a@example.org", postcode="100000"), user=handler)
    recent = close(make_application(township=township, received_on=datetime.date(2024, 3, 4)),
                   user=handler)
    open_case = make_application(township=township, received_on=datetime.date(2019, 3, 4))
    answered = make_report(township=township, received=shanghai(2023, 5, 1),
                           contact_phone="13900000001", contact_name="赵")
    ErrorReport.objects.filter(pk=answered.pk).update(
        status="answered", answer="已改正。", answered_at=shanghai(2023, 5, 3))
    waiting = make_report(township=township, received=shanghai(2023, 5, 1),
                          contact_phone="13900000002")  # unanswered: kept
    old_login, new_login = (AccessLog.objects.create(ip_address=f"198.51.100.{n}",
                                                     user_agent="Firefox", username="x")
                            for n in (4, 5))
    for login, days in ((old_login, 200), (new_login, 20)):  # attempt_time is auto_now_add
        AccessLog.objects.filter(pk=login.pk).update(
            attempt_time=NOW - datetime.timedelta(days=days))
    return {"old": old, "recent": recent, "open": open_case, "answered": answered,
            "waiting": waiting, "old_login": old_login, "new_login": new_login}


def counts(outcomes) -> dict[str, int]:
    return {o.model_label: o.count for o in outcomes if o.count}


def test_dry_run_counts_and_changes_nothing(world):
    before = list(Application.objects.values().order_by("pk"))
    out = run("--dry-run", "--as-of", "2026-12-06")
    assert "applications.Application（name, id_number, contact_person, phone, email, " \
           "address, postcode）：到期待匿名化 1 条" in out
    assert "合计到期待匿名化 3 条（试运行，未修改）" in out
    assert list(Application.objects.values().order_by("pk")) == before
    assert not LogEntry.objects.filter(object_repr__contains="已匿名化").exists()


def test_only_expired_records_lose_only_their_personal_fields_once(world):
    assert counts(anonymise(NOW)) == {"applications.Application": 1,
                                      "feedback.ErrorReport": 1, "axes.AccessLog": 1}
    old = Application.objects.get(pk=world["old"].pk)
    assert (old.name, old.address) == (ANONYMISED, ANONYMISED)
    assert (old.id_number, old.phone, old.email, old.postcode, old.contact_person) == \
        ("", "", "", "", "")
    # what the statistics read stays
    assert (old.state, old.outcome, old.applicant_kind, old.received_on, old.replied_on,
            old.tracking_number) == (world["old"].state, world["old"].outcome, "natural",
                                     world["old"].received_on, world["old"].replied_on,
                                     world["old"].tracking_number)
    for kept in ("recent", "open"):
        row = Application.objects.get(pk=world[kept].pk)
        assert row.name == world[kept].name
        assert row.id_number == world[kept].id_number
    answered = ErrorReport.objects.get(pk=world["answered"].pk)
    assert (answered.contact_name, answered.contact_phone) == ("", "")
    assert answered.description == world["answered"].description
    assert ErrorReport.objects.get(pk=world["waiting"].pk).contact_phone == "13900000002"
    old_login = AccessLog.objects.get(pk=world["old_login"].pk)
    assert (old_login.ip_address, old_login.user_agent, old_login.username) == (None, "", "x")
    assert AccessLog.objects.get(pk=world["new_login"].pk).ip_address == "198.51.100.5"
    # idempotent: nothing left to do
    assert counts(anonymise(NOW)) == {}
    assert "合计已匿名化 0 条" in run("--as-of", "2026-12-06")


def test_each_model_run_is_audited_without_the_values(world):
    anonymise(NOW)
    entries = LogEntry.objects.filter(object_repr__contains="条个人信息已匿名化")
    assert entries.count() == 3
    entry = entries.get(content_type__model="application")
    assert entry.additional_data["ids"] == [world["old"].pk]
    assert entry.additional_data["retention"] == "application"
    assert "证件号码" in entry.changes["个人信息匿名化"][1]
    assert "保存期限 5 年届满" in entry.changes["依据"][1]
    text = str(entry.changes) + str(entry.additional_data) + entry.object_repr
    assert world["old"].name not in text
    assert world["old"].id_number not in text


def test_bad_as_of_date_is_a_clear_error(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-of", "2026-13-01")


def test_log_retention_below_six_months_is_refused():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'config.settings'; django.setup()"],
        env={**__import__("os").environ, "DEBUG": "1", "PERSONAL_DATA_LOG_DAYS": "90"},
        capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode != 0
    assert "at least 180" in result.stderr


def _statistics() -> dict:
    from townships.models import Township

    tables = {}
    years = sorted({d.year for d in Application.objects.values_list("received_on", flat=True)
                    if d} | {timezone.localdate().year})
    for township in Township.objects.order_by("pk"):
        for year in years:
            tables[(township.slug, year)] = derive_tables(township, year)
    tables["by_state"] = list(Application.objects.values("township_id", "state", "outcome",
                                                         "applicant_kind", "channel")
                              .annotate(n=Count("pk")).order_by("township_id", "state",
                                                                 "outcome", "applicant_kind",
                                                                 "channel"))
    tables["reports"] = list(ErrorReport.objects.values("township_id", "status", "kind")
                             .annotate(n=Count("pk")).order_by("township_id", "status", "kind"))
    return tables


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from demo.seeding import build_demo

    with django_db_blocker.unblock(), transaction.atomic():
        build_demo(io.StringIO(), townships=2)
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
def test_demo_statistics_and_report_tables_are_the_same_after_anonymising(settings):
    settings.PERSONAL_DATA_APPLICATION_YEARS = 1
    settings.PERSONAL_DATA_ERROR_REPORT_YEARS = 1
    settings.PERSONAL_DATA_LOG_DAYS = 180
    before = _statistics()
    later = timezone.now() + datetime.timedelta(days=3 * 366)  # every closed case expired
    dry = counts(anonymise(later, dry_run=True))
    assert dry.get("applications.Application", 0) > 0
    assert counts(anonymise(later)) == dry
    assert Application.objects.filter(name=ANONYMISED).count() == \
        dry["applications.Application"]
    assert _statistics() == before
    assert counts(anonymise(later)) == {}
    print(f"demo dry run: {dry}")  # noqa: T201


def test_a_closed_cases_delivery_loses_its_tracking_number_and_note(world):
    from applications.models import Delivery
    old, recent = world["old"], world["recent"]
    posted = Delivery.objects.create(application=old, method="post", tracking_no="EMS1187392651",
                                     note="由其子代签收", delivered_on=old.replied_on)
    kept = Delivery.objects.create(application=recent, method="post",
                                   tracking_no="EMS2200000001", delivered_on=recent.replied_on)
    assert counts(anonymise(NOW))["applications.Delivery"] == 1
    posted.refresh_from_db()
    kept.refresh_from_db()
    # a posted delivery keeps a (non-empty) marker: the database requires a number for post
    assert (posted.tracking_no, posted.note) == (ANONYMISED, "")
    assert kept.tracking_no == "EMS2200000001"
    assert (posted.method, posted.delivered_on) == ("post", old.replied_on)
