"""Reply letters carry a 文号 from a per-township yearly sequence, room for the seal, the
reconsideration body and court from the township's settings, and official dates."""

import datetime
import io
import threading

import docx
import pytest
from django.db import connection, connections

from applications import transitions
from applications.letters import letter_docx
from applications.models import LetterTemplate
from applications.numbering import next_letter_no
from tests.applications.factories import close, make_application
from tests.factories import make_county, make_member, make_township
from townships.models import Role

D = datetime.date


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _closed(township, handler, *, received, replied, outcome="r3_1"):
    app = make_application(township=township, received_on=received)
    return close(app, user=handler, outcome=outcome, on=replied)


@pytest.mark.django_db
def test_letter_numbers_run_per_township_and_restart_each_year():
    township = make_township(name="青石镇")
    other = make_township(name="柳溪乡")
    handler = make_member(township=township, role=Role.PUBLISHER)
    other_handler = make_member(township=other, role=Role.PUBLISHER)
    first = _closed(township, handler, received=D(2024, 3, 4), replied=D(2024, 3, 15))
    second = _closed(township, handler, received=D(2024, 5, 6), replied=D(2024, 5, 20))
    theirs = _closed(other, other_handler, received=D(2024, 3, 4), replied=D(2024, 3, 18))
    next_year = _closed(township, handler, received=D(2024, 12, 20), replied=D(2025, 1, 8))
    assert [first.letter_no, second.letter_no] == ["青石政信复〔2024〕1号", "青石政信复〔2024〕2号"]
    assert theirs.letter_no == "柳溪政信复〔2024〕1号"
    assert next_year.letter_no == "青石政信复〔2025〕1号"


@pytest.mark.django_db
def test_configured_prefix_is_used_and_uncorrected_cases_are_numbered_too():
    township = make_township(name="石桥镇")
    township.letter_prefix = "石政依复"
    township.save()
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=D(2024, 3, 4))
    app = transitions.request_correction(app.pk, user=handler, notice_on=D(2024, 3, 6),
                                         correct_by=D(2024, 3, 20), note="请明确年份。")
    app = transitions.close_uncorrected(app.pk, user=handler, on=D(2024, 3, 25))
    assert app.letter_no == "石政依复〔2024〕1号"


@pytest.mark.django_db
def test_letter_has_number_seal_place_review_body_court_and_official_dates():
    county = make_county()
    township = make_township(name="青石镇", county=county)
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = _closed(township, handler, received=D(2026, 5, 8), replied=D(2026, 6, 1))
    data = letter_docx(app)
    lines = _paragraphs(data)
    header = docx.Document(io.BytesIO(data)).sections[0].first_page_header.paragraphs
    assert header[1].text == "青石政信复〔2026〕1号"  # 信函格式: under the 版头's red line
    text = "\n".join(lines)
    assert "本机关于2026年5月8日收到" in text
    assert f"向{county.full_name}申请行政复议" in text
    assert f"向{county.name}人民法院提起行政诉讼" in text
    # The seal's place: two blank lines over the signer and the date it presses on.
    assert lines[-4:] == ["", "", township.full_name, "2026年6月1日"]
    assert "06月01日" not in text
    township.reconsideration_body = "清河县人民政府（县司法局代办）"
    township.litigation_court = "清河县人民法院（行政审判庭）"
    township.save()
    app.refresh_from_db()
    text = "\n".join(_paragraphs(letter_docx(app)))
    assert "向清河县人民政府（县司法局代办）申请行政复议" in text
    assert "向清河县人民法院（行政审判庭）提起行政诉讼" in text


@pytest.mark.django_db
def test_template_still_ending_with_the_signature_is_not_signed_twice():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = _closed(township, handler, received=D(2024, 3, 4), replied=D(2024, 3, 15))
    LetterTemplate.objects.filter(outcome="r3_1").update(
        body="{申请人}：\n已办结。\n{乡镇}\n{答复日期}")
    lines = _paragraphs(letter_docx(app))
    assert lines.count(township.full_name) == 1
    assert lines.count("2024年3月15日") == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_never_share_a_letter_number():
    """Runs on PostgreSQL (CI): eight threads, own connections, one township and year."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers anyway")
    township = make_township(name="青石镇")
    results, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                results.append(next_letter_no(township, 2024))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 40
    assert "青石政信复〔2024〕40号" in results
