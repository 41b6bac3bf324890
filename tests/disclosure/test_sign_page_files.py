"""The sign page: attachments the signer can open, a 预览 like the public page, cell diffs."""

import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import revising
from disclosure.models import Attachment
from disclosure.models.revisions import snapshot_item
from disclosure.revision_diff import body_rows
from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
DOCUMENTS = Path(__file__).parent / "documents"
TABLE = ('<table><tbody><tr><th><p>姓名</p></th><th colspan="2"><p>补贴</p></th></tr>'
         "<tr><th><p></p></th><th><p>面积</p></th><th><p>金额（元）</p></th></tr>"
         "<tr><td><p>张某某</p></td><td><p>3</p></td><td><p>650</p></td></tr>"
         "<tr><td><p>李某</p></td><td><p>2</p></td><td><p>720</p></td></tr></tbody></table>")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def word_file() -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph("补贴面积核实表：东岭村合计126.5亩。")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("核实表.docx", buffer.getvalue())


def test_signer_opens_the_attachments_and_reads_their_text_on_the_sign_page(client):
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于春耕补贴的通知")
    attachment = Attachment.objects.create(item=item, file=word_file(), title="核实表")
    chain.submit(item, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(reverse("admin:disclosure_disclosureitem_chain",
                              args=[item.pk, "approve"])).content.decode()
    assert f'href="{attachment.file.url}"' in page
    assert "东岭村合计126.5亩" in page  # the Word file's text, for the 保密审查
    assert client.get(attachment.file.url).status_code == 200
    assert reverse("admin:disclosure_disclosureitem_preview", args=[item.pk]) in page


def test_preview_shows_the_draft_as_the_public_page_does(client):
    township = make_township(name="青石镇")
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于春耕补贴的通知",
                      body="<p>正文。</p>" + TABLE)
    url = reverse("admin:disclosure_disclosureitem_preview", args=[item.pk])
    client.force_login(staff[Role.OFFICE_HEAD])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "预览：这是按公开页面显示的效果" in page
    assert '<h1 class="doc-heading">关于春耕补贴的通知</h1>' in page
    assert 'class="article-body richtext"' in page
    assert "rt-nowrap" in page
    assert "（发布时生成）" in page  # the 索引号 comes with publication
    assert "no-store" in response["Cache-Control"]
    client.force_login(make_member(township=make_township(), role=Role.OFFICE_HEAD))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_diff_names_the_row_and_column_of_each_changed_cell():
    rows = body_rows("<p>名单如下。</p>" + TABLE,
                     "<p>名单如下。</p>" + TABLE.replace("<p>3</p>", "<p>4</p>").replace(
                         "<tr><td><p>李某", "<tr><td><p>王某</p></td><td><p>1</p></td>"
                         "<td><p>100</p></td></tr><tr><td><p>李某"))
    changed = [(r.label, str(r.left), str(r.right)) for r in rows if r.changed]
    assert changed == [("表1：张某某 × 补贴 › 面积", "<del>3</del>", "<ins>4</ins>"),
                       ("表1：新增的行（王某）", "", "王某 | 1 | 100")]


def test_the_sign_page_of_a_revision_shows_where_a_cell_changed(client):
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], body="<p>名单。</p>" + TABLE)
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    data = {**snapshot_item(item), "body": item.body.replace("<p>650</p>", "<p>700</p>")}
    revision = revising.save_revision(item, staff[Role.AUTHOR], data)
    chain.submit(revision, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    page = client.get(reverse("admin:disclosure_disclosureitem_chain",
                              args=[item.pk, "approve"])).content.decode()
    assert "表1：张某某 × 补贴 › 金额（元）" in page
    assert "<del>65</del>" in page or "<del>650</del>" in page
