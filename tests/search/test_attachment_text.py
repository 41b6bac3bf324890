"""Attachment text is indexed, read once per stored file, and never breaks indexing."""

import pytest
from django.core.files.base import ContentFile

from disclosure import pii
from disclosure.models import Attachment
from search import indexing
from search.models import ExtractedText, SearchEntry
from tests.factories import make_item, make_township

from .corpus import docx_bytes

pytestmark = pytest.mark.django_db


def _item_with_docx():
    item = make_item(township=make_township(), published=True, title="村级道路养护安排")
    Attachment.objects.create(item=item, title="说明", file=ContentFile(
        docx_bytes(["养护经费按每公里八千元安排。"]), name="a.docx"))
    return item


def test_attachment_text_is_searchable_when_attached_after_publication():
    item = _item_with_docx()
    entry = SearchEntry.objects.get(object_id=item.pk)
    assert "每公里八千元" in entry.content


def test_file_is_parsed_once_when_item_is_indexed_again(monkeypatch):
    item = _item_with_docx()
    calls = []
    monkeypatch.setattr(pii, "file_lines", lambda *a: calls.append(a) or [])
    indexing.index_item(item.pk)
    indexing.index_item(item.pk)
    assert calls == []
    assert ExtractedText.objects.count() == 1


def test_damaged_file_is_indexed_by_title_only():
    item = make_item(township=make_township(), published=True, title="破损附件测试")
    Attachment.objects.create(item=item, title="损坏的表格", file=ContentFile(
        b"PK\x03\x04 not really a workbook", name="bad.xlsx"))
    entry = SearchEntry.objects.get(object_id=item.pk)
    assert "损坏的表格" in entry.content
