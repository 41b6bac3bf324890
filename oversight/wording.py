"""Wording checks (错别字 and 严重表述错误) over text a township publishes.

Three sources of rules:

- `BUILTIN`: common misused characters and words (形近/音近 pairs) whose wrong form has no
  correct reading in a government text, and a few 的/地/得 patterns that are unambiguous
  (an adverb that cannot be an adjective followed by a verb; a verb + 的 + degree word).
  Each entry was chosen so that the wrong form does not occur inside a correct word.
- `WordingRule` rows: the county's list of 严重表述错误 (wrong form → right form, a note).
- `LeaderTitle` rows: the names of leaders and their current titles; a title next to the
  name that the current title does not end with (a former or a wrong title) is a finding.

`scan_text(text, rules)` returns `Hit`s with the sentence the phrase is in; `mark(hit)`
renders the sentence with the phrase in <mark>. The rules are plain data so that the same
scan runs before submission (the sign page) and over published content (the check).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

BUILTIN_KIND = "builtin"
SEVERE_KIND = "severe"
LEADER_KIND = "leader"
KIND_LABELS = {BUILTIN_KIND: _("常见错别字"), SEVERE_KIND: _("严重表述错误"),
               LEADER_KIND: _("领导姓名职务")}

#: (wrong, right) pairs; each wrong form is never correct in an official text.
BUILTIN_PAIRS: tuple[tuple[str, str], ...] = (
    ("按装", "安装"), ("按步就班", "按部就班"), ("布署", "部署"),
    ("部份", "部分"), ("截止目前", "截至目前"), ("截止今年", "截至今年"),
    ("再接再励", "再接再厉"), ("迫不急待", "迫不及待"), ("一愁莫展", "一筹莫展"),
    ("谈笑风声", "谈笑风生"), ("穿流不息", "川流不息"), ("默守成规", "墨守成规"),
    ("一如继往", "一如既往"), ("出奇不意", "出其不意"), ("言简意骇", "言简意赅"),
    ("走头无路", "走投无路"), ("不径而走", "不胫而走"), ("一股作气", "一鼓作气"),
    ("再所不辞", "在所不辞"), ("融汇贯通", "融会贯通"), ("声名雀起", "声名鹊起"),
    ("原形必露", "原形毕露"), ("既往不究", "既往不咎"), ("甘败下风", "甘拜下风"),
    ("震憾", "震撼"), ("座落", "坐落"), ("脉博", "脉搏"), ("幅射", "辐射"), ("松驰", "松弛"),
    ("气慨", "气概"), ("针贬", "针砭"), ("渡假", "度假"), ("编缉", "编辑"), ("篮图", "蓝图"),
    ("防碍", "妨碍"), ("贯切", "贯彻"), ("拔打", "拨打"), ("通迅", "通讯"),
    ("即然", "既然"), ("至今为止", "迄今为止"),
    ("修茸", "修葺"), ("哄托", "烘托"), ("渲泄", "宣泄"), ("峻工", "竣工"), ("发韧", "发轫"),
    ("精萃", "精粹"), ("决窍", "诀窍"), ("励行节约", "厉行节约"), ("严历", "严厉"),
    ("付镇长", "副镇长"), ("付乡长", "副乡长"), ("付书记", "副书记"), ("付县长", "副县长"),
    ("付主任", "副主任"), ("付局长", "副局长"), ("反应问题", "反映问题"),
    ("坐谈会", "座谈会"), ("入场卷", "入场券"), ("挖墙角", "挖墙脚"), ("食不裹腹", "食不果腹"),
    ("人情事故", "人情世故"), ("水笼头", "水龙头"), ("暴光", "曝光"), ("做为", "作为"),
    ("帐目公开", "账目公开"), ("呆帐", "呆账"),
)

_ADVERBS = "切实|大力|逐步|认真|扎实|积极|稳步|全力|有序"
_VERBS = "做好|抓好|推进|推动|落实|开展|加强|提高|实施|贯彻|完成|解决"
#: 的/地/得 where the reading is unambiguous: (pattern, what to write, the wrong part).
BUILTIN_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    # An adverbial before a verb takes 地: 切实的做好 → 切实地做好. Not followed by a noun
    # (积极的推进作用) — the lookahead rules out the common nouns after these verbs.
    (re.compile(rf"(?:{_ADVERBS})的(?:{_VERBS})(?![作工措力度成效])"), "地"),
    # A complement of degree takes 得: 做的很好 → 做得很好.
    (re.compile(r"(?:做|办|干|抓|落实|完成|执行)的(?:很|非常|十分|更加|比较)(?:好|扎实|到位|出色|及时)"),
     "得"),
    (re.compile(r"变的(?:更加|越来越|更)"), "得"),
)

TITLE_WORDS = (
    "县委书记", "县委副书记", "县长", "副县长", "常务副县长", "书记", "副书记", "镇长", "副镇长",
    "乡长", "副乡长", "主任", "副主任", "局长", "副局长", "部长", "副部长", "主席", "副主席",
    "委员", "常委", "调研员", "秘书长", "副秘书长", "组长", "副组长", "站长", "所长",
)
_TITLES_LONGEST_FIRST = sorted(set(TITLE_WORDS), key=len, reverse=True)
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
#: Longest sentence shown around a hit (characters either side of the phrase).
CONTEXT_CHARS = 80


@dataclass(frozen=True)
class Rule:
    kind: str
    wrong: str
    right: str
    note: str = ""


@dataclass(frozen=True)
class Leader:
    name: str
    title: str


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    leaders: tuple[Leader, ...] = ()

    @property
    def signature(self) -> str:
        raw = repr((self.rules, self.leaders)).encode()
        return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class Hit:
    kind: str
    phrase: str
    right: str
    note: str
    sentence: str
    start: int  # of the phrase in `sentence`
    end: int

    @property
    def severe(self) -> bool:
        return self.kind in (SEVERE_KIND, LEADER_KIND)

    def fingerprint(self, source: str) -> str:
        """Stable across rescans: where (source), what, and the sentence it is in."""
        raw = "\x1f".join((source, self.kind, self.phrase, self.sentence)).encode()
        return hashlib.sha256(raw).hexdigest()[:40]


def builtin_rules() -> tuple[Rule, ...]:
    return tuple(Rule(BUILTIN_KIND, wrong, right) for wrong, right in BUILTIN_PAIRS)


def county_rules(county) -> RuleSet:
    """The built-in list plus the county's 严重表述错误 and current leaders."""
    from .models import LeaderTitle, WordingRule

    own = tuple(Rule(SEVERE_KIND, w, r, n) for w, r, n in WordingRule.objects.filter(
        county=county, active=True).order_by("pk").values_list("wrong", "right", "note"))
    leaders = tuple(Leader(n, t) for n, t in LeaderTitle.objects.filter(
        county=county, active=True).order_by("pk").values_list("name", "title"))
    return RuleSet(builtin_rules() + own, leaders)


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence around text[start:end], and the phrase's position in it."""
    left = max(start - CONTEXT_CHARS, 0)
    for match in _SENTENCE_END.finditer(text, left, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, min(end + CONTEXT_CHARS, len(text)))
    right = right_match.end() if right_match else min(end + CONTEXT_CHARS, len(text))
    raw = text[left:right]
    stripped = raw.lstrip()
    offset = left + (len(raw) - len(stripped))
    sentence = stripped.rstrip()
    return sentence, start - offset, end - offset


def _hit(text, start, end, kind, right, note="") -> Hit:
    sentence, s, e = _sentence(text, start, end)
    return Hit(kind, text[start:end], right, note, sentence, s, e)


def _title_before(text: str, pos: int) -> str:
    for title in _TITLES_LONGEST_FIRST:
        if text.endswith(title, 0, pos):
            return title
    return ""


def _title_after(text: str, pos: int) -> str:
    for title in _TITLES_LONGEST_FIRST:
        if text.startswith(title, pos):
            return title
    return ""


def _leader_hits(text: str, leader: Leader) -> list[Hit]:
    hits = []
    note = str(_("%(name)s的现任职务是%(title)s") % {"name": leader.name, "title": leader.title})
    start = text.find(leader.name)
    while start >= 0:
        end = start + len(leader.name)
        before, after = _title_before(text, start), _title_after(text, end)
        spans = []
        if before and not leader.title.endswith(before):
            spans.append((start - len(before), end))
        if after and not leader.title.endswith(after):
            spans.append((start, end + len(after)))
        for t_start, t_end in spans:
            hits.append(_hit(text, t_start, t_end, LEADER_KIND,
                             f"{leader.title}{leader.name}", note))
        start = text.find(leader.name, end)
    return hits


def scan_text(text: str, rules: RuleSet) -> list[Hit]:
    """Every hit in `text`, in text order; overlapping hits of the same span kept once."""
    if not text:
        return []
    hits: list[Hit] = []
    for rule in rules.rules:
        if not rule.wrong:
            continue
        start = text.find(rule.wrong)
        while start >= 0:
            hits.append(_hit(text, start, start + len(rule.wrong), rule.kind, rule.right,
                             rule.note))
            start = text.find(rule.wrong, start + len(rule.wrong))
    for pattern, right_char in BUILTIN_PATTERNS:
        for match in pattern.finditer(text):
            phrase = match.group(0)
            fixed = phrase.replace("的", right_char, 1)
            hits.append(_hit(text, match.start(), match.end(), BUILTIN_KIND, fixed,
                             str(_("“的、地、得”用法"))))
    for leader in rules.leaders:
        hits.extend(_leader_hits(text, leader))
    seen = set()
    unique = []
    for hit in hits:
        key = (hit.sentence, hit.start, hit.end)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


def mark(sentence: str, start: int, end: int) -> SafeString:
    """The sentence, escaped, with the phrase in <mark>."""
    return format_html("{}<mark>{}</mark>{}", sentence[:start], sentence[start:end],
                       sentence[end:])


def plain(sentence: str) -> str:
    return escape(sentence)
