"""Every Art. 36 answer has its letter: 文号 in one sequence, date, legal basis, remedies."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import letters, table3, transitions
from applications.models import LETTER_VARIANTS, LetterTemplate
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat

#: The article each letter must cite (条例).
BASIS = {
    "r3_1": "第三十六条第（二）项", "r3_1_pub": "第三十六条第（一）项", "r3_2": "第三十七条",
    "r3_3_1": "第十四条", "r3_3_2": "第十四条", "r3_3_3": "第十四条", "r3_3_4": "第十五条",
    "r3_3_5": "第十六条第一款", "r3_3_6": "第十六条第二款", "r3_3_7": "第十六条第二款",
    "r3_3_8": "第三十六条第（七）项", "r3_4_1": "第三十六条第（四）项",
    "r3_4_1_nr": "第三十六条第（五）项", "r3_4_2": "第三十八条", "r3_4_3": "第三十条",
    "r3_5_1": "第三十九条第一款", "r3_5_2": "第三十六条第（六）项", "r3_5_3": "第三十九条第二款",
    "r3_5_4": "第三十五条", "r3_5_5": "政府信息公开条例》规定", "r3_6_1": "第三十条",
    "r3_6_2": "第四十二条", "r3_6_3": "有关规定",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a: D("2026-12-06"))


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    header = [p.text for p in document.sections[0].first_page_header.paragraphs]
    return "\n".join(header + [p.text for p in document.paragraphs])


def test_every_outcome_row_and_variant_has_a_seeded_template_citing_its_article():
    keys = set(table3.OUTCOME_ROWS) | set(LETTER_VARIANTS)
    assert keys == set(BASIS)
    seeded = dict(LetterTemplate.objects.values_list("outcome", "body"))
    assert set(seeded) == keys
    for key in keys:
        assert BASIS[key] in seeded[key], key
        assert "行政复议" in seeded[key]
        assert "行政诉讼" in seeded[key]


def test_each_letter_generated_numbered_in_one_sequence_dated_with_basis_and_rights(client):
    town = make_township(name="青石镇")
    clerk = make_member(township=town, role=Role.PUBLISHER)
    client.force_login(clerk)
    numbers = []
    for day, key in enumerate(sorted(BASIS), start=1):
        row, variant = LETTER_VARIANTS.get(key, (key, None))[0], key if key in LETTER_VARIANTS \
            else ""
        app = make_application(township=town, received_on=D("2026-10-09"))
        on = D("2026-10-12") + datetime.timedelta(days=day)
        if row == "r3_6_1":
            transitions.request_correction(app.pk, user=clerk, notice_on=D("2026-10-12"),
                                           correct_by=D("2026-10-13"))
            transitions.close_uncorrected(app.pk, user=clerk, on=on)
        else:
            url = reverse("admin:applications_application_act", args=[app.pk, "reply"])
            answer = client.post(url, {"outcome": row, "variant": variant,
                                       "text": "具体情况说明。", "on": on.isoformat()})
            assert answer.status_code == 302, answer.content.decode()[-2000:]
        app.refresh_from_db()
        text = docx_text(client.get(reverse("admin:applications_application_letter",
                                            args=[app.pk])).content)
        numbers.append(app.letter_no)
        assert app.letter_no in text
        assert f"{on.year}年{on.month}月{on.day}日" in text
        assert BASIS[key] in text, key
        assert letters.default_templates()[key][0] in text
        assert "行政复议" in text
        assert "六个月内" in text
    serials = [int(re.search(r"〔2026〕(\d+)号", n).group(1)) for n in numbers]
    assert serials == list(range(1, len(BASIS) + 1))


def test_variant_must_match_the_outcome_row():
    town = make_township()
    clerk = make_member(township=town, role=Role.PUBLISHER)
    app = make_application(township=town, received_on=D("2026-10-09"))
    with pytest.raises(ValidationError, match="告知书类型与办理结果不符"):
        transitions.reply(app.pk, user=clerk, outcome="r3_2", text="x", on=D("2026-10-12"),
                          variant="r3_1_pub")
