"""Relevance on a realistic corpus: for each query, the expected item is the top result.

Queries cover titles, 文号 and 索引号 (typed as people type them), people's names, village
names, policy terms, words only in the body or only in an attachment (.xlsx, .docx, PDF),
mixed Chinese/Latin/digit queries and filters. The same table passes on PostgreSQL (full
text search) and on the SQLite fallback.
"""

import pytest

from search.query import Filters, search

pytestmark = pytest.mark.django_db


# (query, filters by name, expected key of the top result)
CASES = [
    ("青政发〔2024〕7号", {}, "dibao"),
    ("青政发[2024]7号", {}, "dibao"),
    ("青政发（2024）7号", {}, "dibao"),
    ("王秀兰", {}, "appoint"),
    ("王秀兰 任命", {}, "appoint"),
    ("张建国", {}, "lx_penalty"),
    ("东岗村", {}, "yishi"),
    ("桃源村", {}, "lx_village"),
    ("西湾村河道", {}, "dredge"),
    ("耕地地力保护补贴", {}, "dili"),
    ("地力补贴", {}, "dili"),
    ("2024年耕地补贴", {}, "dili"),
    ("一事一议", {}, "yishi"),
    ("三公经费", {}, "sangong"),
    ("防汛", {}, "flood"),
    ("防汛抗旱应急预案", {}, "flood"),
    ("5G基站", {}, "tower"),
    ("5g", {}, "tower"),
    ("GB/T 50311", {}, "tower"),
    ("50311", {}, "tower"),
    ("中标价", {}, "dredge"),
    ("秸秆", {}, "straw"),
    ("林长制", {}, "lx_forest"),
    ("高龄津贴", {}, "lx_elder"),
    ("李桂英", {}, "lx_elder"),
    ("低保标准", {"township": "qingshi"}, "dibao"),
    ("低保标准", {"township": "liuxi"}, "lx_dibao"),
    ("宅基地审批", {"validity": "valid"}, "homestead"),
    ("宅基地审批", {"validity": "repealed"}, "homestead_old"),
    ("政策解读 宅基地", {}, "reading"),
    ("青石大桥", {}, "projects"),  # only in the .xlsx attachment
    ("村级道路养护", {}, "projects"),  # only in the .docx attachment
    ("QS-2024-017", {}, "projects"),  # only in the PDF attachment
    ("年度报告", {}, "report"),
    ("2023年政府信息公开工作年度报告", {}, "report"),
    ("村务公开栏", {}, "report"),
    ("特困人员", {}, "dibao"),
    ("赵德福", {}, "lx_elder"),
    ("石门村", {}, "lx_elder"),
    ("恒通水利", {}, "dredge"),
    ("公务用车", {}, "sangong"),
    ("调标资金", {}, "dibao"),
    ("ＧＢ／Ｔ５０３１１", {}, "tower"),
    ("占用耕地建房", {}, "lx_penalty"),
    ("宅基地管理办法2024年修订", {}, "homestead"),
]


def _filters(made, names: dict) -> Filters:
    values = dict(names)
    if "township" in values:
        values["township_id"] = made[values.pop("township")].pk
    return Filters(**values)


def _key_of(made, entry) -> str:
    for key, obj in made.items():
        if getattr(obj, "pk", None) == entry.object_id and \
                type(obj).__name__ == ("AnnualReport" if entry.kind == "report"
                                       else "DisclosureItem"):
            return key
    return entry.title


@pytest.mark.parametrize(("query", "filters", "expected"), CASES,
                         ids=[f"{q}{'|' + ','.join(f) if f else ''}" for q, f, _e in CASES])
def test_expected_item_ranks_first_when_searched(made, query, filters, expected):
    results = search(query, filters=_filters(made, filters))
    top = [_key_of(made, e) for e in results.entries[:5]]
    assert top, f"no results for {query!r}"
    assert top[0] == expected, top


def test_index_number_finds_its_item_first_when_typed_exactly(made):
    item = made["flood"]
    for typed in (item.index_no, item.index_no.lower(), f" {item.index_no} "):
        results = search(typed, filters=Filters())
        assert results.entries[0].object_id == item.pk


def test_partial_index_number_finds_item_when_serial_is_typed(made):
    item = made["flood"]
    serial = item.index_no.split("/")[1]  # "2024-000NN"
    keys = [_key_of(made, e) for e in search(serial, filters=Filters()).entries]
    assert "flood" in keys


def test_single_character_query_finds_items_when_it_occurs(made):
    results = search("镇", filters=Filters())
    assert results.total > 5
    keys = [_key_of(made, e) for e in search("竹", filters=Filters()).entries]
    assert keys == ["lx_village"]


def test_two_character_query_finds_body_words_when_not_in_title(made):
    keys = [_key_of(made, e) for e in search("竹编", filters=Filters()).entries]
    assert keys == ["lx_village"]


def test_partial_match_notice_when_no_item_has_every_word(made):
    results = search("宅基地 火箭发射", filters=Filters())
    assert results.partial
    assert "homestead" in [_key_of(made, e) for e in results.entries]


def test_nothing_found_when_query_is_unrelated(made):
    results = search("火箭发射场", filters=Filters())
    assert results.total == 0
    assert results.entries == []


def test_punctuation_only_query_returns_nothing_without_error(made):
    for query in ("！！", "'\"\\:*&|()", "〔〕"):
        assert search(query, filters=Filters()).entries == []


def test_date_sort_lists_newest_first_when_asked(made):
    results = search("宅基地", filters=Filters(), sort="date")
    dates = [e.published_on for e in results.entries]
    assert len(dates) >= 3
    assert dates == sorted(dates, reverse=True)


def test_category_filter_includes_child_nodes_when_parent_chosen(made):
    from disclosure.models import Category

    ids = list(Category.objects.filter(code__startswith="zcwj").values_list("pk", flat=True))
    results = search("宅基地", filters=Filters(category_ids=ids))
    keys = {_key_of(made, e) for e in results.entries}
    assert keys == {"homestead", "homestead_old", "reading"}


def test_kind_and_year_filters_narrow_results_when_set(made):
    reports = search("公开", filters=Filters(kind="report"))
    assert [e.kind for e in reports.entries] == ["report"]
    older = search("宅基地", filters=Filters(year=2023))
    assert [_key_of(made, e) for e in older.entries] == ["homestead_old"]
