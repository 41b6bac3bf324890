"""Chinese-aware text analysis, shared by indexing and querying (docs/SEARCH.md).

Text is folded (full-width letters and digits to ASCII, lower case) and cut into runs of
Chinese characters and runs of letters/digits. Chinese runs are segmented by jieba (rjieba,
the Rust port: one dictionary per process, loaded on first use); letter/digit runs are kept
whole and also split where letters meet digits ("GB/T37668" finds "GB/T 37668").

The index stores, per document, lexemes with positions and weights:

- every jieba word (search mode: long words and the dictionary words inside them);
- in the short fields (title, 文号, 索引号, keywords, summary) also every single character and
  every pair of adjacent characters, with positions;
- in the body and attachments every pair of adjacent characters once, without positions;
- for every number (a run of 3 to MAX_DIGITS digits), each of its tails of two or more
  digits, so a digit fragment ("024年", "3301") matches as the prefix of a tail.

The pairs make any Chinese string findable whatever jieba made of it in context (names,
villages, rare terms); the words make multi-word queries match and rank.

A query is cut the same way into terms, all of which must match (AND); a Chinese term of
three or more characters matches as a word or as all of its character pairs; a lone single
character is dropped when other terms exist (it is almost always a particle such as 的).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Full-width ASCII forms and the ideographic space to ASCII, A-Z to a-z: one character to
# one character, so offsets in folded text are offsets in the original.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD = {k: (v + 32 if 0x41 <= v <= 0x5A else v) for k, v in _FOLD.items()}
_FOLD.update({c: c + 32 for c in range(0x41, 0x5B)})

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_RUNS = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W_])+)")
_PARTS = re.compile(r"\d+|[^\W\d_]+")

MAX_POSITION = 16383  # PostgreSQL keeps positions up to 2^14 - 1
MAX_POSITIONS_PER_LEXEME = 255
MAX_LEXEME = 60  # longer "words" are noise (hashes, base64)
WEIGHTS = "DCBA"  # ascending strength, as ts_rank's weight array is ordered
_RANK = {weight: rank for rank, weight in enumerate(WEIGHTS)}
MAX_QUERY_CHARS = 200
MAX_DIGITS = 20  # numbers up to this long are indexed with every tail (fragment search)


# Quotation marks and title brackets sit inside terms (“三公”经费, 《办法》): they are dropped
# before analysis so the words on either side still make one run.
_INLINE = str.maketrans(dict.fromkeys("“”‘’\"'《》〈〉「」『』", None))


def fold(text: str) -> str:
    return (text or "").translate(_FOLD)


def analysable(text: str) -> str:
    """Folded text without inline quotation marks (offsets shift; positions stay close)."""
    return fold(text).translate(_INLINE)


@cache
def segmenter():
    """The process-wide jieba instance with the government word list (loaded once)."""
    import rjieba

    jieba = rjieba.Jieba()
    words = Path(__file__).with_name("words.txt").read_text(encoding="utf-8")
    for line in words.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            jieba.add_word(word, None, None)
    return jieba


def runs(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, run, start) for each Chinese ("cjk") or letter/digit ("word") run."""
    for match in _RUNS.finditer(text):
        kind = "cjk" if match.group("cjk") else "word"
        yield kind, match.group(), match.start()


def word_parts(run: str) -> list[tuple[str, int]]:
    """A letter/digit run and, when it mixes letters and digits, its parts with offsets."""
    parts = [(m.group(), m.start()) for m in _PARTS.finditer(run)]
    return [(run, 0)] + (parts if len(parts) > 1 else [])


# -- the index side -------------------------------------------------------------------------


class VectorBuilder:
    """Collects (lexeme, position, weight) and writes a PostgreSQL tsvector literal.

    Fields are laid out one after another, so a position is the character offset in the
    whole document (1-based, capped) and phrase distances in the text are real ones.
    """

    def __init__(self):
        self.lexemes: dict[str, dict[int, str]] = {}
        self.offset = 0

    def _add(self, lexeme: str, position: int | None, weight: str) -> None:
        if not lexeme or len(lexeme) > MAX_LEXEME:
            return
        positions = self.lexemes.setdefault(lexeme, {})
        if position is None or len(positions) >= MAX_POSITIONS_PER_LEXEME:
            return
        if position > MAX_POSITION:
            position = MAX_POSITION
        current = positions.get(position)
        if current is None or _RANK[weight] > _RANK[current]:
            positions[position] = weight

    def _add_word_run(self, run: str, at: int, weight: str) -> None:
        for part, offset in word_parts(run):
            self._add(part, at + offset, weight)
            if part.isdigit() and 2 < len(part) <= MAX_DIGITS:
                # Every tail of a number: the query's prefix match (`024:*`) then finds any
                # run of digits inside it ("024年" in "2024年").
                for cut in range(1, len(part) - 1):
                    self._add(part[cut:], at + offset + cut, weight)

    def add_field(self, text: str, weight: str, *, fine: bool) -> None:
        """Index one field; `fine` adds every character and character pair with positions
        (short fields); otherwise pairs go in without positions (body, attachments)."""
        text = analysable(text)
        jieba = segmenter()
        add = self._add
        base = self.offset + 1
        for kind, run, start in runs(text):
            at = base + start
            if kind == "word":
                self._add_word_run(run, at, weight)
                continue
            for word, begin, _end in jieba.tokenize(run, mode="search", hmm=True):
                add(word, at + begin, weight)
            if fine:
                for i in range(len(run)):
                    add(run[i], at + i, weight)
                    if i + 1 < len(run):
                        add(run[i:i + 2], at + i, weight)
            else:
                # Pairs without positions: only their presence counts.
                setdefault = self.lexemes.setdefault
                for i in range(len(run) - 1):
                    setdefault(run[i:i + 2], {})
        self.offset += len(text) + 2  # a gap, so no phrase spans two fields

    def literal(self) -> str:
        entries = []
        append = entries.append
        for lexeme, positions in self.lexemes.items():
            quoted = "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
            if positions:
                quoted += ":" + ",".join([f"{p}{positions[p]}" for p in sorted(positions)])
            append(quoted)
        return " ".join(entries)


# -- the query side -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    kind: str  # "cjk" or "word"

    def tsquery(self) -> str:
        quoted = _quote(self.text)
        if self.kind == "word":
            return f"{quoted}:*" if len(self.text) >= 2 else quoted
        if len(self.text) == 1:
            return f"{quoted}:*"
        if len(self.text) == 2:
            return quoted
        pairs = " & ".join(_quote(self.text[i:i + 2]) for i in range(len(self.text) - 1))
        return f"({quoted} | ({pairs}))"


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _cjk_terms(run: str) -> list[Term]:
    """Words of a Chinese run; neighbouring single characters are glued back together
    (jieba leaves unknown names and terms as single characters)."""
    terms: list[Term] = []
    pending = ""
    for word in segmenter().cut(run, hmm=True):
        if len(word) == 1:
            pending += word
            continue
        if pending:
            terms.append(Term(pending, "cjk"))
            pending = ""
        terms.append(Term(word, "cjk"))
    if pending:
        terms.append(Term(pending, "cjk"))
    return terms


def query_terms(query: str) -> list[Term]:
    """The terms of a search query, in order, without duplicates."""
    text = analysable(query)[:MAX_QUERY_CHARS]
    terms: list[Term] = []
    for kind, run, _start in runs(text):
        if kind == "cjk":
            terms.extend(_cjk_terms(run))
        else:
            parts = word_parts(run)
            terms.extend(Term(part, "word") for part, _o in (parts[1:] or parts))
    if any(len(t.text) > 1 or t.kind == "word" for t in terms):
        terms = [t for t in terms if len(t.text) > 1 or t.kind == "word"]
    unique: dict[Term, None] = dict.fromkeys(terms)
    return list(unique)


def tsquery(terms: list[Term], operator: str = "&") -> str:
    return f" {operator} ".join(term.tsquery() for term in terms)
