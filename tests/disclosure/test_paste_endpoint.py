"""The editor's Word/WPS paste hook: cleaned on the server like an imported document."""

import base64
import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from disclosure.models import RichTextImage
from disclosure.wordhtml import clean_body
from tests.factories import make_item, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
URL = "admin:disclosure_disclosureitem_paste"
CLIPBOARD = (Path(__file__).parent / "documents" / "word_clipboard.html").read_text("utf-8")


def test_pasted_word_html_comes_back_cleaned_with_a_note_about_its_pictures(client):
    township = make_township()
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    response = client.post(reverse(URL), {"html": CLIPBOARD, "page": "/admin/"})
    assert response.status_code == 200
    data = response.json()
    assert data["html"] == clean_body(CLIPBOARD)
    assert data["notes"] == ["Word/WPS 中的 1 张图片无法随粘贴带入：请使用“导入 Word/WPS 文档”，"
                             "或在“正文图片”中上传后插入。"]


def test_a_pasted_data_picture_becomes_an_image_of_the_items_township(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    township = make_township()
    item = make_item(township=township)
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (0, 90, 160)).save(buffer, "PNG")
    html = ('<p class=MsoNormal><img alt="现场照片" src="data:image/png;base64,'
            f'{base64.b64encode(buffer.getvalue()).decode()}"></p>')
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    page = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    data = client.post(reverse(URL), {"html": html, "page": page}).json()
    image = RichTextImage.objects.get(township=township)
    assert data["html"] == f'<p><img alt="现场照片" src="{image.url}"></p>'


def test_only_back_office_writers_may_paste(client):
    url = reverse(URL)
    assert client.post(url, {"html": "<p>x</p>"}).status_code == 302  # to the login page
    client.force_login(make_member(township=make_township(), role=Role.AUTHOR))
    assert client.get(url).status_code == 405
