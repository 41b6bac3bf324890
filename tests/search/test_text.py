"""Text analysis shared by the index and queries: folding, terms, tsvector literals."""

from search.text import MAX_POSITION, Term, VectorBuilder, fold, query_terms, tsquery


def test_fold_keeps_length_and_maps_full_width_to_ascii():
    text = "ＧＢ／Ｔ　５０３１１号"
    assert fold(text) == "gb/t 50311号"
    assert len(fold(text)) == len(text)


def test_query_terms_keep_words_and_drop_lone_particles():
    assert [t.text for t in query_terms("关于开展农村人居环境整治的通知")] == [
        "关于", "开展", "农村", "人居环境整治", "通知"]
    assert [t.text for t in query_terms("的")] == ["的"]


def test_query_terms_split_letters_from_digits_and_ignore_punctuation():
    assert [(t.text, t.kind) for t in query_terms("GB/T37668 5G网络")] == [
        ("gb", "word"), ("t", "word"), ("37668", "word"), ("5", "word"), ("g", "word"),
        ("网络", "cjk")]
    assert query_terms("！？，。'\"\\") == []


def test_long_chinese_term_matches_as_word_or_all_character_pairs():
    assert Term("东岗村", "cjk").tsquery() == "('东岗村' | ('东岗' & '岗村'))"
    assert Term("镇", "cjk").tsquery() == "'镇':*"
    assert tsquery([Term("低保", "cjk"), Term("2024", "word")]) == "'低保' & '2024':*"


def test_quotes_are_escaped_in_query_literals_and_dropped_from_text():
    assert Term("a'b", "word").tsquery() == "'a''b':*"
    builder = VectorBuilder()
    builder.add_field("it's “三公”经费", "A", fine=True)
    assert builder.literal().startswith("'its':1A")
    assert "'三公经费'" in builder.literal()


def test_vector_has_pairs_with_positions_in_short_fields_and_without_in_body():
    builder = VectorBuilder()
    builder.add_field("东岗村", "A", fine=True)
    builder.add_field("王秀兰负责", "C", fine=False)
    literal = builder.literal()
    assert "'东岗':1A" in literal
    assert "'岗':2A" in literal
    assert "'王秀' " in literal + " "  # a pair in the body: no position
    assert "'东岗村':1A" in literal


def test_positions_are_capped_for_long_texts():
    builder = VectorBuilder()
    builder.add_field("通知" * 20000, "C", fine=True)
    positions = builder.lexemes["通知"]
    assert max(positions) <= MAX_POSITION
    assert len(positions) <= 255
