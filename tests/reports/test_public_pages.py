"""Public report pages: layout like the reference, accessible tables, drafts hidden."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_township
from tests.reports.factories import make_report, reconciling_tables

pytestmark = pytest.mark.django_db


def test_report_page_has_title_sections_tables_signature_and_other_years(client):
    township = make_township(name="青石镇")
    make_report(township=township, year=2023, published=True)
    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         published=True)
    make_report(township=township, year=2025)  # draft: not linked
    html = client.get(report.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert '<h1 class="doc-heading">青石镇2024年政府信息公开工作年度报告</h1>' in html
    for heading in ("一、总体情况", "四、政府信息公开行政复议、行政诉讼情况",
                    "六、其他需要报告的事项"):
        assert heading in html
    assert html.count("<caption") == 3
    assert '<th id="t3-c-natural" scope="col" rowspan="2">自然人</th>' in html
    assert ('headers="t3-r1 t3-applicant t3-c-natural">13612<' in html)
    assert 'headers="t3-result t3-g-r3_3 t3-r3_3_4 t3-applicant t3-c-natural">500<' in html
    assert 'headers="t4-review t4-review-total">790<' in html
    assert f"{township.full_name}</p>" in html
    assert "2025年1月20日" in html
    assert reverse("reports:report_detail", args=[township.slug, 2023]) in html
    assert reverse("reports:report_detail", args=[township.slug, 2025]) not in html


def test_every_data_cell_names_existing_headers(client):
    township = make_township()
    report = make_report(township=township, year=2024, tables=reconciling_tables(),
                         published=True)
    html = client.get(report.get_absolute_url()).content.decode()
    ids = set(re.findall(r' id="(t[234]-[^"]+)"', html))
    for headers in re.findall(r'<td headers="([^"]+)"', html):
        assert set(headers.split()) <= ids, headers


def test_draft_and_other_townships_report_answer_404(client):
    township, other = make_township(), make_township()
    draft = make_report(township=township, year=2024)
    make_report(township=other, year=2023, published=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:report_detail",
                              args=[township.slug, 2023])).status_code == 404


def test_report_list_shows_published_years_only(client, django_assert_max_num_queries):
    township = make_township()
    make_report(township=township, year=2023, published=True)
    make_report(township=township, year=2024)
    with django_assert_max_num_queries(6):
        html = client.get(reverse("reports:report_list", args=[township.slug])).content.decode()
    assert "2023年政府信息公开工作年度报告" in html
    assert "2024年政府信息公开工作年度报告" not in html


def test_legacy_report_shows_free_text_body(client):
    township = make_township()
    report = make_report(township=township, year=2012, published=True,
                         body="<h2>一、概述</h2><p>全年公开信息。</p><script>x</script>",
                         tables={"schema": "legacy", "statistics": {}})
    html = client.get(report.get_absolute_url()).content.decode()
    assert "<h2>一、概述</h2>" in html
    assert "<script>x" not in html


def test_downloads_are_word_and_excel_for_published_reports(client):
    township = make_township()
    make_report(township=township, year=2024, published=True)
    docx = client.get(reverse("reports:report_docx", args=[township.slug, 2024]))
    xlsx = client.get(reverse("reports:report_xlsx", args=[township.slug, 2024]))
    assert docx.status_code == xlsx.status_code == 200
    assert docx.content[:2] == xlsx.content[:2] == b"PK"
    assert client.get(reverse("reports:report_docx", args=[township.slug, 2020])
                      ).status_code == 404


def test_township_home_links_to_report_list(client):
    township = make_township()
    html = client.get(reverse("disclosure:township_home", args=[township.slug])).content.decode()
    assert reverse("reports:report_list", args=[township.slug]) in html


def test_table3_header_rows_span_ten_columns(client):
    township = make_township()
    report = make_report(township=township, year=2024, published=True)
    html = client.get(report.get_absolute_url()).content.decode()
    thead = html.split('id="table3"', 1)[1].split("</thead>", 1)[0]
    rows = thead.split("<tr>")[1:]
    # 信息内容 (3 wide) + 申请人情况 (7); 自然人 + 法人或其他组织 (5) + 总计; five sub-columns.
    assert [r.count("<th") for r in rows] == [2, 3, 5]
    assert thead.count("自然人") == 1


def test_report_page_shows_its_visit_count(client):
    from visits import store

    township = make_township()
    report = make_report(township=township, year=2024, published=True)
    store.add_to_database({f"report:{report.pk}": 1234})
    html = client.get(report.get_absolute_url()).content.decode()
    assert f'data-visit-key="report:{report.pk}"' in html
    assert "1,234" in html
