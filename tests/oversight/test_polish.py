"""Polish from the second county review: the reasons come right after the status on the
dashboard (not last of 35 columns); a drill-down says 结论 at most once (the checks' own
结论 column and the level column 问题级别); problem cells are tinted, not ruled."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from oversight.refresh import refresh
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(county):
    township = make_township(county=county, name="青石镇")
    make_item(township=township, published=True)
    refresh(county)
    return township


def _headers(html: str, table_class: str) -> list[str]:
    table = re.search(rf'<table class="{table_class}">(.*?)</thead>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", h).strip()
            for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]


def test_dashboard_reasons_come_right_after_the_status(client, town, auditor):
    client.force_login(auditor)
    html = client.get(reverse("admin:oversight_dashboard")).content.decode()
    assert _headers(html, "ov-table")[:3] == ["乡镇", "结论", "问题和需关注事项"]
    row = re.search(r'<tr class="ov-row-[a-z]+">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r"<t[hd]([^>]*)>", row)
    assert 'class="ov-status"' in cells[1]
    assert 'class="ov-why"' in cells[2]


@pytest.mark.parametrize("check_key", ["art26", "report", "columns", "pages"])
def test_a_drill_down_has_one_verdict_column_at_most(client, town, auditor, check_key):
    client.force_login(auditor)
    html = client.get(reverse("admin:oversight_findings", args=[town.pk, check_key])
                      ).content.decode()
    headers = _headers(html, "ov-findings")
    assert headers.count("结论") <= 1
    assert "问题级别" in headers


def test_problem_cells_are_tinted_not_bordered():
    css = (Path(settings.BASE_DIR) / "static/css/admin-oversight.css").read_text()
    rules = re.findall(r"([^{}]*ov-problem[^{}]*)\{([^}]*)\}", css)
    assert rules
    for _selector, body in rules:
        assert "border" not in body
    assert any("background" in body for _selector, body in rules)
