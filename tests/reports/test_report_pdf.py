"""The public report page links the report as PDF; the PDF is made once per version of the
report however many visitors ask, and without LibreOffice a Chinese page (503) says so."""

import pytest
from django.core.cache import cache
from django.urls import reverse

import officialdocs
from reports import exports
from tests.factories import make_township
from tests.reports.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    cache.clear()
    return make_report(township=make_township(), year=2024, published=True)


def _url(report):
    return reverse("reports:report_pdf", args=[report.township.slug, report.year])


def test_report_page_links_the_pdf_when_libreoffice_is_installed(client, report, monkeypatch):
    monkeypatch.setattr(officialdocs, "available", lambda: True)
    html = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{_url(report)}"' in html
    assert "下载PDF版" in html
    monkeypatch.setattr(officialdocs, "available", lambda: False)
    assert _url(report) not in client.get(report.get_absolute_url()).content.decode()


def test_pdf_is_made_once_per_version_of_the_report(client, report, monkeypatch):
    made = []

    def fake(r):
        made.append(r.pk)
        return b"%PDF-1.7 " + str(len(made)).encode()

    monkeypatch.setattr(exports, "report_pdf", fake)
    first = client.get(_url(report))
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"].startswith("inline;")
    assert client.get(_url(report)).content == first.content
    assert made == [report.pk]
    report.save()  # a new version: a new PDF
    assert client.get(_url(report)).content != first.content
    assert made == [report.pk, report.pk]


def test_pdf_without_libreoffice_is_a_chinese_page_not_an_error(client, report, settings):
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    response = client.get(_url(report))
    assert response.status_code == 503
    html = response.content.decode()
    assert "服务器未安装 LibreOffice" in html
    assert reverse("reports:report_docx", args=[report.township.slug, 2024]) in html


def test_unpublished_report_has_no_pdf(client):
    report = make_report(township=make_township(), year=2023, published=False)
    assert client.get(_url(report)).status_code == 404


def test_back_office_report_page_offers_the_pdf_and_says_why_not_without_libreoffice(
        client, report, settings):
    from tests.factories import make_member
    from townships.models import Role

    client.force_login(make_member(township=report.township, role=Role.PUBLISHER))
    change = reverse("admin:reports_annualreport_change", args=[report.pk])
    url = reverse("admin:reports_annualreport_pdf", args=[report.pk])
    assert url in client.get(change).content.decode()
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "无法生成 PDF" in response.content.decode()
