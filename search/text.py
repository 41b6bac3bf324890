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
from functools import cache, lru_cache
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
_INLINE = "“”‘’\"'《》〈〉「」『』"

# The same maps as regular expressions: str.translate looks every character up in a dict
# (an int object per Chinese character), a substitution only visits the few it changes.
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_CHARS)) + "]")
_INLINE_MARKS = re.compile("[" + re.escape(_INLINE) + "]")


def _fold_char(match: re.Match) -> str:
    return _FOLD_CHARS[match.group()]


def fold(text: str) -> str:
    return _FOLDABLE.sub(_fold_char, text or "")


def analysable(text: str) -> str:
    """Folded text without inline quotation marks (offsets shift; positions stay close)."""
    return _INLINE_MARKS.sub("", fold(text))


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


# Analysis of one run, cached: government texts repeat their phrases (各村（社区）要高度重视,
# the names of villages and offices), and a run's words and pairs do not depend on where it
# stands. Bounded, so a rebuild's memory stays flat.
RUN_CACHE_SIZE = 20_000
CACHED_RUN_CHARS = 64  # a longer run is analysed each time it comes
_PRESENT: dict[int, str] = {}  # the positions of a lexeme that is only present (never written)


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _word_run_adds(run: str) -> tuple[tuple[str, int], ...]:
    """(lexeme, offset) of a letter/digit run: the run, its parts, every tail of a number
    (the query's prefix match `024:*` then finds digits inside it: "024年" in "2024年")."""
    adds = []
    for part, offset in word_parts(run):
        if len(part) <= MAX_LEXEME:
            adds.append((part, offset))
        if part.isdigit() and 2 < len(part) <= MAX_DIGITS:
            adds.extend((part[cut:], offset + cut) for cut in range(1, len(part) - 1))
    return tuple(adds)


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _cjk_run_adds(run: str, fine: bool) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """((lexeme, offset) with positions, lexemes without) of a Chinese run: jieba's words,
    then every character and pair (`fine`) or the pairs alone, without positions."""
    adds = [(word, begin) for word, begin, _end in
            segmenter().tokenize(run, mode="search", hmm=True) if len(word) <= MAX_LEXEME]
    if not fine:
        return tuple(adds), tuple(run[i:i + 2] for i in range(len(run) - 1))
    for i in range(len(run)):
        adds.append((run[i], i))
        if i + 1 < len(run):
            adds.append((run[i:i + 2], i))
    return tuple(adds), ()


class VectorBuilder:
    """Collects (lexeme, position, weight) and writes a PostgreSQL tsvector literal.

    Fields are laid out one after another, so a position is the character offset in the
    whole document (1-based, capped) and phrase distances in the text are real ones. A
    lexeme keeps its first MAX_POSITIONS_PER_LEXEME positions, each with its strongest
    weight. The rebuild runs this for every item, so the inner loop is written flat.
    """

    def __init__(self):
        self.lexemes: dict[str, dict[int, str]] = {}
        self.offset = 0

    def _put(self, adds, at: int, weight: str) -> None:
        lexemes = self.lexemes
        for lexeme, offset in adds:
            position = at + offset
            if position > MAX_POSITION:
                position = MAX_POSITION
            positions = lexemes.get(lexeme)
            if not positions:  # new, or so far only present (the shared empty dict)
                lexemes[lexeme] = {position: weight}
            elif len(positions) < MAX_POSITIONS_PER_LEXEME:
                current = positions.get(position)
                # Weights are letters, A the strongest: a smaller letter is a stronger weight.
                if current is None or weight < current:
                    positions[position] = weight

    def add_field(self, text: str, weight: str, *, fine: bool) -> None:
        """Index one field; `fine` adds every character and character pair with positions
        (short fields); otherwise pairs go in without positions (body, attachments)."""
        text = analysable(text)
        base = self.offset + 1
        bare: list[str] = []
        for match in _RUNS.finditer(text):
            at = base + match.start()
            run = match.group()
            short = len(run) <= CACHED_RUN_CHARS
            if match.lastgroup == "word":
                self._put((_word_run_adds if short else _word_run_adds.__wrapped__)(run),
                          at, weight)
                continue
            adds, pairs = (_cjk_run_adds if short else _cjk_run_adds.__wrapped__)(run, fine)
            self._put(adds, at, weight)
            bare.extend(pairs)
        if bare:  # pairs whose presence alone counts: one shared empty dict (never written)
            lexemes = self.lexemes
            lexemes.update(dict.fromkeys(set(bare).difference(lexemes), _PRESENT))
        self.offset += len(text) + 2  # a gap, so no phrase spans two fields

    def literal(self) -> str:
        """The tsvector literal. Lexemes are cut from runs of letters, digits and Chinese
        characters (_RUNS), so none holds a quote or a backslash: no escaping is needed.
        PostgreSQL sorts the lexemes itself."""
        present: list[str] = []
        entries: list[str] = []
        append = entries.append
        for lexeme, positions in self.lexemes.items():
            if not positions:
                present.append(lexeme)
            elif len(positions) == 1:
                for position, weight in positions.items():
                    append(f"'{lexeme}':{position}{weight}")
            else:
                append(f"'{lexeme}':" + ",".join(
                    [f"{p}{positions[p]}" for p in sorted(positions)]))
        if present:
            append("'" + "' '".join(present) + "'")
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
