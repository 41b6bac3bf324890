"""The staff manual (docs/MANUAL.md) is linked from every admin page and the desk, and shown
to back-office users only, with raw HTML in the file escaped."""

import pytest

from tests.factories import make_member, make_township
from townships import manual
from townships.models import Role

pytestmark = pytest.mark.django_db

SECTIONS = ["角色：谁做什么", "工作台与审签", "导入 Word/WPS 文档", "“暂定”期限",
            "通知没有收到怎么办", "两步验证"]


def test_manual_is_linked_from_the_desk_and_footer_and_shows_every_section(client):
    user = make_member(township=make_township(), role=Role.AUTHOR)
    client.force_login(user)
    desk = client.get("/admin/").content.decode()
    assert desk.count('href="/admin/manual/"') == 2  # the desk line and the footer
    page = client.get("/admin/manual/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>工作人员手册</h1>" in html
    for section in SECTIONS:
        assert section in html, section
    assert "<table>" in html  # the roles table


def test_manual_needs_a_login(client):
    response = client.get("/admin/manual/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_raw_html_in_the_manual_is_escaped(settings, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "MANUAL.md").write_text("# 手册\n\n<script>alert(1)</script>\n")
    settings.BASE_DIR = tmp_path
    html = manual.render()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
