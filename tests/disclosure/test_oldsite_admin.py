"""从旧网站迁移 and 导入旧网址对照表 in the back office: preview writes nothing, import saves the
good rows as drafts of the user's own township, and a mapping cannot reach other townships."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from disclosure.models import DisclosureItem, OldUrlRedirect
from tests.factories import leaf_category, make_item, make_member, make_township
from townships.models import Role

from .oldsite_samples import page

pytestmark = pytest.mark.django_db
URL = "admin:disclosure_disclosureitem_migrate"


def _zip(township, count=4) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(1, count + 1):
            archive.writestr(f"旧网站/{n}.html",
                             page(n, publisher=township.full_name if n != 2 else "某镇"))
    return SimpleUploadedFile("pages.zip", buffer.getvalue())


def test_author_previews_then_imports_saved_pages(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    client = Client()
    client.force_login(author)
    listing = client.get(reverse("admin:disclosure_disclosureitem_changelist"))
    assert "从旧网站迁移" in listing.content.decode()
    category = leaf_category(township)
    form = {"township": township.pk, "category": category.pk}
    preview = client.post(reverse(URL), {**form, "file": _zip(township), "preview": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "共 4 条：可导入 3 条，不导入 1 条" in html
    assert "发布机构须填写标准全称" in html
    assert not DisclosureItem.objects.exists()
    token = preview.context["token"]
    done = client.post(reverse(URL), {**form, "token": token, "confirm": "1"})
    assert "已导入为草稿 3 条" in done.content.decode()
    items = DisclosureItem.objects.filter(township=township)
    assert items.count() == 3
    assert set(items.values_list("status", flat=True)) == {DisclosureItem.Status.DRAFT}
    assert set(items.values_list("created_by", flat=True)) == {author.pk}
    # the stored upload is gone: a second confirm cannot import twice
    again = client.post(reverse(URL), {**form, "token": token, "confirm": "1"})
    assert "上传的文件已过期，请重新上传。" in again.content.decode()
    assert items.count() == 3


def test_another_township_cannot_be_chosen_and_bad_files_are_refused_in_chinese(settings,
                                                                                tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township, other = make_township(), make_township()
    author = make_member(township=township, role=Role.AUTHOR)
    client = Client()
    client.force_login(author)
    response = client.post(reverse(URL), {"township": other.pk, "preview": "1",
                                          "file": _zip(other, 1)})
    assert "乡镇：选择一个有效的选项" in response.content.decode()
    response = client.post(reverse(URL), {"township": township.pk, "preview": "1",
                                          "file": SimpleUploadedFile("a.zip", b"not a zip")})
    assert "无法读取该压缩包（仅支持 .zip）。" in response.content.decode()
    response = client.post(reverse(URL), {"township": township.pk, "preview": "1",
                                          "token": "../../etc/passwd", "confirm": "1"})
    assert "请选择要导入的文件。" in response.content.decode()
    assert not DisclosureItem.objects.exists()


def test_township_admin_uploads_a_mapping_within_the_township(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township, other = make_township(), make_township()
    mine = make_item(township=township, published=True)
    theirs = make_item(township=other, published=True)
    manager = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    client = Client()
    client.force_login(manager)
    mapping = ("原网址,新网址\n"
               f"/art/1.html,http://new.example{mine.get_absolute_url()}\n"
               f"/art/2.html,{theirs.get_absolute_url()}\n").encode()
    url = reverse("admin:disclosure_oldurlredirect_upload")
    response = client.post(url, {"file": SimpleUploadedFile("map.csv", mapping)})
    assert "检查 2 条：可导入 1 条（未保存）" in response.content.decode()
    assert not OldUrlRedirect.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("map.csv", mapping), "save": "on"})
    assert "共 2 条：已导入 1 条。" in response.content.decode()
    assert "新网址“/xxgk/" in response.content.decode()  # the other township's page
    assert list(OldUrlRedirect.objects.values_list("old_path", "item")) == [
        ("/art/1.html", mine.pk)]
    assert client.get("/art/1.html").status_code == 301
    assert client.get("/art/2.html").status_code == 404
    author = make_member(township=township, role=Role.AUTHOR)
    client.force_login(author)
    assert client.get(url).status_code == 403


def test_a_file_too_large_for_one_request_is_refused_with_the_command_named(settings, tmp_path):
    from .oldsite_samples import spreadsheet_rows, workbook

    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    client = Client()
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    data = workbook(spreadsheet_rows(301, publisher=township.full_name, category="x"))
    response = client.post(reverse(URL), {"township": township.pk, "preview": "1",
                                          "file": SimpleUploadedFile("big.xlsx", data)})
    assert "后台一次最多导入300条（本文件301条）" in response.content.decode()
    assert "manage.py import_old_site" in response.content.decode()
    assert list(tmp_path.rglob("*.xlsx")) == []  # the upload is not kept
