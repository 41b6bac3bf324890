"""Reply letters come from editable templates, one per outcome row."""

import datetime
import io

import docx
import pytest

from applications import table3
from applications.letters import letter_docx
from applications.models import LETTER_VARIANTS, LetterTemplate
from tests.applications.factories import close, make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_every_outcome_has_a_seeded_template_when_migrated():
    assert set(LetterTemplate.objects.values_list("outcome", flat=True)) == set(
        table3.OUTCOME_ROWS) | set(LETTER_VARIANTS)


def test_edited_template_text_used_when_letter_generated():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=datetime.date(2024, 3, 4),
                           name="钱文静")
    app = close(app, user=handler, outcome="r3_1", on=datetime.date(2024, 3, 15))
    LetterTemplate.objects.filter(outcome="r3_1").update(
        title="公开告知书", body="{申请人}：\n您于{收到日期}提交的申请已办结。\n{乡镇}\n{答复日期}")
    text = _text(letter_docx(app))
    assert "公开告知书" in text
    assert "钱文静：" in text
    assert "2024年3月4日" in text
    assert "2024年03月04日" not in text
    assert township.full_name in text
    assert "{" not in text


def test_apply_link_shown_when_township_page_rendered(client):
    township = make_township()
    html = client.get(township.get_absolute_url()).content.decode()
    assert f"/xxgk/{township.slug}/yisqgk/" in html
