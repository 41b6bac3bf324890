"""web.statements.Statement: a query compiled once per process, then run with new values,
gives exactly what the ORM gives (issue 28, the item page's read on a page-cache miss)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure.models import DisclosureItem
from tests.factories import make_item, make_township
from web.statements import Statement

pytestmark = pytest.mark.django_db

FIELDS = [f.attname for f in DisclosureItem._meta.concrete_fields]


def published(township_id, pk):
    return DisclosureItem.objects.published().filter(township_id=township_id, pk=pk)


def test_same_rows_as_the_orm_for_every_value_given():
    statement = Statement(DisclosureItem, published, "township_id", "pk")
    east, west = make_township(), make_township()
    items = [make_item(township=east, title="东一", published=True),
             make_item(township=east, title="东二", published=True),
             make_item(township=west, title="西一", published=True),
             make_item(township=west, title="西草稿")]
    for township in (east, west):
        for item in items:
            got = statement.run(township_id=township.pk, pk=item.pk)
            expected = list(published(township.pk, item.pk))
            assert [[getattr(i, f) for f in FIELDS] for i in got] == \
                   [[getattr(i, f) for f in FIELDS] for i in expected]
    # Only the township's own, published items: the filter's values were put in place.
    assert [i.title for i in statement.run(township_id=east.pk, pk=items[1].pk)] == ["东二"]
    assert statement.run(township_id=west.pk, pk=items[0].pk) == []
    assert statement.run(township_id=west.pk, pk=items[3].pk) == []


def test_compiled_once_then_one_query_per_run(monkeypatch):
    built = []

    def build(township_id, pk):
        built.append((township_id, pk))
        return published(township_id, pk)

    statement = Statement(DisclosureItem, build, "township_id", "pk")
    township = make_township()
    item = make_item(township=township, published=True)
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert [i.pk for i in statement.run(township_id=township.pk, pk=item.pk)] == [item.pk]
        assert len(queries) == 1
    assert len(built) == 1  # with the placeholders, never with a real value


def test_deferred_fields_stay_deferred_and_load_on_access():
    statement = Statement(DisclosureItem, lambda township_id, pk: published(township_id, pk)
                          .defer("body"), "township_id", "pk")
    township = make_township()
    item = make_item(township=township, published=True, body="<p>正文在此</p>")
    got = statement.run(township_id=township.pk, pk=item.pk)[0]
    assert "body" in got.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert "正文在此" in got.body
    assert len(queries) == 1


def test_a_value_used_twice_or_not_found_falls_back_to_the_orm():
    township = make_township()
    item = make_item(township=township, published=True)
    twice = Statement(DisclosureItem, lambda township_id, pk: published(township_id, pk)
                      .filter(pk__gte=pk), "township_id", "pk")
    assert twice.compile(connection.alias, {}) is None
    assert [i.pk for i in twice.run(township_id=township.pk, pk=item.pk)] == [item.pk]
    joined = Statement(DisclosureItem, lambda township_id, pk: published(township_id, pk)
                       .select_related("category"), "township_id", "pk")
    assert joined.compile(connection.alias, {}) is None
    got = joined.run(township_id=township.pk, pk=item.pk)
    assert [i.pk for i in got] == [item.pk]


def test_lists_and_bounds_are_shapes_of_their_own():
    def in_columns(township_id, category_ids):
        return (DisclosureItem.objects.published()
                .filter(township_id=township_id, category_id__in=category_ids)
                .order_by("-published_on", "-id"))

    statement = Statement(DisclosureItem, in_columns, "township_id", "category_ids")
    township = make_township()
    items = [make_item(township=township, published=True) for _ in range(5)]
    ids = sorted({i.category_id for i in items})
    other_ids = [*ids, ids[0] + 100000]
    assert statement.run(bounds=(0, 0), township_id=township.pk, category_ids=ids) == []
    assert statement.run(township_id=township.pk, category_ids=[]) == []
    statement._compiled.clear()
    for category_ids in (ids, other_ids, [ids[0] + 100000]):
        for bounds in (None, (0, 2), (2, 2), (4, 2), (6, 2)):
            expected = in_columns(township.pk, category_ids)
            if bounds:
                expected = expected[bounds[0]:bounds[0] + bounds[1]]
            got = statement.run(bounds=bounds, township_id=township.pk,
                                category_ids=category_ids)
            assert [i.pk for i in got] == [i.pk for i in expected]
    assert len(ids) == 1  # IN lists of 1 and 2 values, five bounds each: ten shapes
    assert len(statement._compiled) == 10


def test_instances_are_made_as_the_orm_makes_them_converters_included():
    """The rows are turned into instances without `raw()`: each column goes through the
    converters the ORM applies (a JSON column is a dict again, not its text), and the
    instances are loaded ones (saving updates, never inserts)."""
    from disclosure.models import DocumentImport

    township = make_township()
    made = DocumentImport.objects.create(
        township=township, file="imports/a.docx", original_name="关于春耕的通知.docx",
        extension="docx", suggestions={"标题": "关于春耕的通知", "文号": ["某政发", 3]},
        report={"段落": 12})
    statement = Statement(DocumentImport, lambda township_id: DocumentImport.objects.filter(
        township_id=township_id).defer("body"), "township_id")
    assert statement.compile(connection.alias, {}) is not None
    (got,) = statement.run(township_id=township.pk)
    expected = DocumentImport.objects.defer("body").get(pk=made.pk)
    fields = [f.attname for f in DocumentImport._meta.concrete_fields if f.attname != "body"]
    assert [getattr(got, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert got.suggestions == {"标题": "关于春耕的通知", "文号": ["某政发", 3]}
    assert got.get_deferred_fields() == {"body"}
    assert got._state.adding is False
    assert got._state.db == connection.alias
    got.original_name = "改名.docx"
    with CaptureQueriesContext(connection) as queries:
        got.save(update_fields=["original_name"])
    assert "UPDATE" in queries[-1]["sql"]
    assert DocumentImport.objects.count() == 1


def test_a_query_selecting_more_than_the_models_columns_goes_through_the_orm():
    township = make_township()
    make_item(township=township, published=True)
    extra = Statement(DisclosureItem, lambda township_id: DisclosureItem.objects.filter(
        township_id=township_id).extra(select={"twice": "2 * id"}), "township_id")
    assert extra.compile(connection.alias, {}) is None
    assert [i.twice for i in extra.run(township_id=township.pk)] == \
           [2 * i.pk for i in DisclosureItem.objects.filter(township=township)]
    distinct = Statement(DisclosureItem, lambda township_id: DisclosureItem.objects.filter(
        township_id=township_id).order_by("category__name").distinct(), "township_id")
    assert distinct.compile(connection.alias, {}) is None
    assert [i.pk for i in distinct.run(township_id=township.pk)] == \
           [i.pk for i in DisclosureItem.objects.filter(township=township)]


def test_instances_made_without_init_equal_the_orms_and_receivers_are_honoured():
    """Plain columns are put in the instance directly (web.statements.instance_maker): the
    same values, the same deferred fields, a loaded instance; a model with a file column,
    or any pre_init/post_init receiver, goes through `from_db` as the ORM does."""
    from django.db.models import signals

    from web.statements import _plain_columns, instance_maker

    township = make_township()
    item = make_item(township=township, published=True, title="春耕通知")
    names = ["id", "title", "township_id", "category_id", "published_on"]
    statement = Statement(DisclosureItem, lambda township_id: DisclosureItem.objects.filter(
        township_id=township_id).only(*names), "township_id")
    (got,) = statement.run(township_id=township.pk)
    expected = DisclosureItem.objects.only(*names).get(pk=item.pk)
    assert got.__dict__.keys() == expected.__dict__.keys()
    assert [getattr(got, n) for n in names] == [getattr(expected, n) for n in names]
    assert got.get_deferred_fields() == expected.get_deferred_fields()
    assert (got._state.adding, got._state.db) == (False, connection.alias)
    assert got.township == township  # the foreign key loads as usual
    assert _plain_columns(DisclosureItem, tuple(names))
    from disclosure.models import DocumentImport

    assert not _plain_columns(DocumentImport, ("id", "file"))  # a FileDescriptor

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    signals.post_init.connect(receiver, sender=DisclosureItem)
    try:
        made = instance_maker(DisclosureItem, connection.alias, names)
        assert made.func == DisclosureItem.from_db  # a partial of from_db
        (again,) = statement.run(township_id=township.pk)
    finally:
        signals.post_init.disconnect(receiver, sender=DisclosureItem)
    assert seen == [again]
