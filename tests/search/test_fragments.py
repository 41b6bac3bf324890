"""Fragments: two to four Chinese characters cut out of a title or the body, and digit strings
cut out of a number ("024年" in "2024年"), find their items, on PostgreSQL (the tails of
every number are in the index, search/text.py) and on the SQLite fallback (substring match).
Run on PostgreSQL with DATABASE_URL set (issue 28)."""

import pytest
from django.db import connection

from search.indexing import index_item
from search.query import Filters, search
from search.text import VectorBuilder
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    township = make_township()
    made = {
        "subsidy": make_item(township=township, published=True,
                             title="2024年度东岗村耕地地力保护补贴发放明细公示",
                             body="<p>共发放补贴资金 1330512 元，涉及农户 86 户。</p>"),
        "roads": make_item(township=township, published=True,
                           title="关于西湾村通组道路硬化工程竣工验收的通知",
                           body="<p>工程编号 QX2023-0417，验收时间为2023年11月。</p>"),
    }
    for item in made.values():
        index_item(item.pk)  # the index as the publish step writes it
    return made


def found(query: str) -> set[str]:
    return {entry.title for entry in search(query, filters=Filters()).entries}


@pytest.mark.parametrize(("query", "expected"), [
    ("岗村耕地", "subsidy"),  # four characters across word boundaries
    ("地力保护", "subsidy"),
    ("补贴发放", "subsidy"),
    ("湾村通组", "roads"),
    ("硬化工", "roads"),  # three
    ("竣工", "roads"),  # two
    ("024年", "subsidy"),  # digits cut from a year
    ("024", "subsidy"),
    ("330512", "subsidy"),  # from the middle of a number in the body
    ("0417", "roads"),  # the tail of a code
    ("023年", "roads"),
])
def test_fragments_find_their_item(items, query, expected):
    assert items[expected].title in found(query)


@pytest.mark.parametrize("query", ["025年", "岗村湾村", "9999"])
def test_fragments_that_occur_nowhere_find_nothing(items, query):
    assert found(query) == set()


def test_digit_fragment_does_not_find_the_other_item(items):
    assert found("024年") == {items["subsidy"].title}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="tsvector lexemes: PostgreSQL")
def test_every_tail_of_a_number_is_a_lexeme():
    builder = VectorBuilder()
    builder.add_field("编号20241", "A", fine=True)
    assert {"20241", "0241", "241", "41"} <= set(builder.lexemes)
    assert "1" not in builder.lexemes
