"""Wording checks: built-in misused words, the county's severe-error list, leader titles."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from disclosure.models import Attachment
from oversight import wording
from oversight.checks import get
from oversight.models import LeaderTitle, WordingDismissal, WordingRule
from tests.factories import crew, make_item, make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
RULES = wording.RuleSet(
    (*wording.builtin_rules(), wording.Rule(wording.SEVERE_KIND, "台湾总统", "台湾地区领导人")),
    (wording.Leader("王建国", "县委书记"),))


def kinds(text):
    return [(h.kind, h.phrase, h.right) for h in wording.scan_text(text, RULES)]


def test_builtin_pairs_and_unambiguous_de_di_de():
    assert kinds("各村要再接再励，切实的做好防汛工作，工作做的很好。") == [
        ("builtin", "再接再励", "再接再厉"), ("builtin", "切实的做好", "切实地做好"),
        ("builtin", "做的很好", "做得很好")]


@pytest.mark.parametrize("text", [
    "积极的推进作用得到发挥。", "预防犯罪宣传进村入户。", "既便于群众办事，又便于监督。",
    "按排名先后确定。", "县委书记王建国主持会议。", "王建国书记强调。", "王建国同志指出。",
    "截至目前，已完成部分任务。",
])
def test_correct_text_is_not_flagged(text):
    assert kinds(text) == []


def test_leader_with_wrong_or_former_title():
    assert kinds("会议由县长王建国主持。") == [("leader", "县长王建国", "县委书记王建国")]
    assert kinds("副县长王建国讲话。")[0][1] == "副县长王建国"
    assert kinds("王建国副书记讲话。")[0][1] == "王建国副书记"


def test_hit_shows_the_sentence_with_the_phrase_marked():
    [hit] = wording.scan_text("第一句。会议由县长王建国主持<b>。第三句。", RULES)
    assert hit.sentence == "会议由县长王建国主持<b>。"
    assert str(wording.mark(hit.sentence, hit.start, hit.end)) == (
        "会议由<mark>县长王建国</mark>主持&lt;b&gt;。")


def first_hit_id(town):
    link = str(findings(get("wording"), town).rows[0].cells["dismiss"])
    return int(re.search(r"/wording/(\d+)/", link).group(1))


PLANTED = "<p>县长李明同志出席会议并讲话。</p>"


@pytest.fixture
def town():
    township = make_township()
    LeaderTitle.objects.create(county=township.county, name="李明", title="县委书记")
    WordingRule.objects.create(county=township.county, wrong="台湾总统", right="台湾地区领导人",
                               note="涉台表述")
    return township


def test_planted_wrong_leader_title_found_on_item_report_and_attachment(town):
    item = make_item(township=town, published=True, body=PLANTED)
    other = make_item(township=town, published=True, body="<p>本通知自发布之日起施行。</p>")
    Attachment.objects.create(item=other, title="会议纪要",
                              file=ContentFile("县长李明同志出席。".encode(), name="jiyao.txt"))
    report = make_report(township=town, published=True,
                         section_5=PLANTED)
    data = snapshot(town)["wording"]
    assert (data["severe"], data["hits"]) == (3, 3)
    rows = findings(get("wording"), town).rows
    where = {(row.url, row.title.split(" · ")[-1]) for row in rows}
    assert where == {
        (f"/admin/disclosure/disclosureitem/{item.pk}/change/", "正文"),
        (f"/admin/disclosure/disclosureitem/{other.pk}/change/", "附件：会议纪要"),
        (f"/admin/reports/annualreport/{report.pk}/change/",
         str(report._meta.get_field("section_5").verbose_name)),
    }
    assert all("<mark>县长李明</mark>" in str(row.cells["sentence"]) for row in rows)
    assert all(row.level == "problem" for row in rows)


def test_dismissal_needs_a_reason_is_logged_and_survives_rescans(town, auditor):
    make_item(township=town, published=True, body=PLANTED)
    snapshot(town)
    hit_id = first_hit_id(town)
    from django.test import Client

    client = Client()
    client.force_login(auditor)
    url = reverse("admin:oversight_wording_dismiss", args=[hit_id])
    page = client.get(url)
    assert "<mark>县长李明</mark>" in page.content.decode()
    assert "忽略理由" in client.post(url, {"reason": ""}).content.decode()
    assert not WordingDismissal.objects.exists()
    client.post(url, {"reason": "引用的是2019年的原文"})
    [log] = WordingDismissal.objects.all()
    assert (log.reason, log.dismissed_by, log.phrase) == (
        "引用的是2019年的原文", auditor, "县长李明")
    data = snapshot(town)["wording"]
    assert (data["severe"], data["dismissed"]) == (0, 1)
    assert findings(get("wording"), town).rows == []


def test_dismiss_is_refused_to_staff_of_another_township(town):
    make_item(township=town, published=True, body=PLANTED)
    snapshot(town)
    hit_id = first_hit_id(town)
    from django.test import Client

    stranger = make_member(township=make_township(county=town.county), role=Role.PUBLISHER)
    client = Client()
    client.force_login(stranger)
    url = reverse("admin:oversight_wording_dismiss", args=[hit_id])
    assert client.post(url, {"reason": "x"}).status_code == 403
    own = crew(town)(Role.PUBLISHER)
    client.force_login(own)
    assert client.post(url, {"reason": "专有名称"}).status_code == 302


def test_authors_see_the_hits_before_submitting(town, client):
    item = make_item(township=town, body=PLANTED)
    author = crew(town)(Role.AUTHOR)
    item.created_by = author
    item.save()
    client.force_login(author)
    url = reverse("admin:disclosure_disclosureitem_chain", args=[item.pk, "submit"])
    page = client.get(url).content.decode()
    assert "<mark>县长李明</mark>" in page
    assert "县委书记李明" in page
