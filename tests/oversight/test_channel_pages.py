"""指南 age and the required channel pages and columns (DOMAIN §6 items 27–29)."""

import datetime

import pytest

from disclosure.models import Category
from oversight.checks import get
from tests.factories import make_township
from tests.reports.factories import make_report

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 30)


@pytest.fixture
def town():
    township = make_township()
    township.system_text = "本镇实行信息发布前保密审查。"
    township.save()
    make_report(township=township, year=2024, published=True)
    return township


def missing(township) -> list[str]:
    return [row.title for row in findings(get("pages"), township, today=TODAY).rows]


def test_guide_older_than_twelve_months_is_a_problem(town):
    town.guide_updated_on = TODAY - datetime.timedelta(days=365)
    town.save()
    assert get("guide").problems(snapshot(town, today=TODAY)["guide"]) == []
    town.guide_updated_on = TODAY - datetime.timedelta(days=366)
    town.save()
    [problem] = get("guide").problems(snapshot(town, today=TODAY)["guide"])
    assert problem.text == "公开指南已366天未更新"


def test_complete_channel_has_nothing_missing(town):
    assert missing(town) == []
    assert snapshot(town, today=TODAY)["pages"] == {"missing": 0}


def test_guide_fields_system_text_and_report_are_required(town):
    town.fax = ""
    town.system_text = ""
    town.save()
    bare = make_township()
    assert missing(town) == ["指南缺少：传真号码", "政府信息公开制度为空"]
    assert "没有已发布的年度报告" in missing(bare)


def test_missing_art21_and_art20_columns_are_named(town):
    Category.objects.filter(township=town, code="nync-zjd").delete()
    Category.objects.filter(township=town, code="jgzn-ldxx").delete()
    assert missing(town) == ["缺少第二十条基本栏目：领导信息",
                             "缺少第二十一条栏目：宅基地使用情况审核"]
    assert snapshot(town, today=TODAY)["pages"] == {"missing": 2}


def test_the_guide_date_is_the_day_its_content_last_changed(town, admin_client):
    # The stale-guide check reads guide_updated_on: it moves when what the guide page shows
    # changes, not when a date is typed (the admin shows it read-only).
    from django.urls import reverse
    from django.utils import timezone

    from townships.models import Township
    old = timezone.localdate() - datetime.timedelta(days=400)
    Township.objects.filter(pk=town.pk).update(guide_updated_on=old)
    town.refresh_from_db()
    town.system_text += "（修订）"  # not part of the guide page
    town.save()
    assert Township.objects.get(pk=town.pk).guide_updated_on == old
    town.phone = "0571-88880000"
    town.save(update_fields=["phone"])
    assert Township.objects.get(pk=town.pk).guide_updated_on == timezone.localdate()
    Township.objects.filter(pk=town.pk).update(guide_updated_on=old)
    page = admin_client.get(reverse("admin:townships_township_change", args=[town.pk]))
    assert 'name="guide_updated_on"' not in page.content.decode()
