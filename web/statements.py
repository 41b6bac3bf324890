"""Hot queries compiled once per process and then only run (docs/PERFORMANCE.md).

Building and compiling a queryset costs the ORM about as much again as the query's own round
trip to PostgreSQL: a page-cache miss of an item page spent about 0.6 ms of its 1 ms item read
on it, a column's list page more. `Statement` builds the queryset once per database and shape,
with placeholder values standing for the values that change (a township, a primary key, the
ids of a column and its sub-columns), keeps the SQL and its parameters, and afterwards only
puts the real values in their places, runs the SQL on a cursor and makes the instances as the
ORM does (`Model.from_db`, the compiler's converters): the same columns, the same model
instances, deferred fields still deferred. `Model.objects.raw` did the same work around
the query but worked out the columns, their fields and their converters again on every run:
about 130 µs of a 200 µs item read. It suits a query of one
model's own columns (no `select_related`, no annotations); when a placeholder cannot be found
exactly once in the parameters, that shape always goes through the ORM.

A shape is what changes the SQL text itself: the length of each list of values (an `IN`
list) and the rows asked for (`bounds`: offset and count, written into the SQL as numbers).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet, signals
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute

log = logging.getLogger(__name__)

# Placeholders no real value takes: large negative integers.
_PLACEHOLDER_BASE = -(2**62)
# Compiled shapes kept per statement (a column's pages: one per page size and IN length).
MAX_SHAPES = 512

# (sql, parameters, {position: (name, index in its list or None)}, the attnames of the
# columns selected in their order, [(column position, (converters, expression))])
Compiled = tuple[str, list, dict[int, tuple[str, int | None]], list[str], list]


class Statement:
    """`Statement(Item, lambda township_id, pk: Item.objects.filter(...), "township_id",
    "pk")`; `statement.run(township_id=3, pk=15)` gives the list of instances."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet], *names: str):
        self.model = model
        self.build = build
        self.names = names
        self._compiled: dict[tuple, Compiled | None] = {}

    def placeholders(self, lengths: dict[str, int | None]) -> dict[str, int | list[int]]:
        """A placeholder per value; a list of distinct ones for a list of `lengths[name]`."""
        marks: dict[str, int | list[int]] = {}
        n = 0
        for name in self.names:
            length = lengths.get(name)
            if length is None:
                marks[name] = _PLACEHOLDER_BASE - n
                n += 1
            else:
                marks[name] = [_PLACEHOLDER_BASE - n - i for i in range(length)]
                n += length
        return marks

    def queryset(self, values: dict, bounds: tuple[int, int] | None) -> QuerySet:
        queryset = self.build(**values)
        if bounds is not None:
            offset, count = bounds
            queryset = queryset[offset:offset + count]
        return queryset

    def compile(self, alias: str, lengths: dict[str, int | None],
                bounds: tuple[int, int] | None = None) -> Compiled | None:
        """(sql, parameters, {position: (name, index in its list or None)}, the selected
        columns' attnames, their converters) for `alias`, or None when the placeholders
        cannot be told apart from the rest of the query or it selects anything but the
        model's own columns."""
        marks = self.placeholders(lengths)
        queryset = self.queryset(marks, bounds)
        if (queryset.model is not self.model or queryset.query.select_related
                or queryset.query.annotations or queryset.query.extra_select
                or queryset.query.distinct):  # DISTINCT can select its ordering too
            return None
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # an empty IN list, no rows asked for: nothing to keep
            return None
        selected = [expression for expression, _sql, _alias in compiler.select]
        fields = [getattr(expression, "target", None) for expression in selected]
        if (compiler.klass_info is None or compiler.klass_info["model"] is not self.model
                or any(f is None or f.model._meta.concrete_model
                       is not self.model._meta.concrete_model for f in fields)):
            return None
        converters = list(compiler.get_converters(selected).items())
        params = list(params)
        wanted: dict[int, tuple[str, int | None]] = {}
        for name, mark in marks.items():
            if isinstance(mark, list):
                wanted.update({value: (name, i) for i, value in enumerate(mark)})
            else:
                wanted[mark] = (name, None)
        slots = {position: wanted[value] for position, value in enumerate(params)
                 if type(value) is int and value in wanted}
        if (sorted(slots.values(), key=repr) != sorted(wanted.values(), key=repr)
                or any(str(value) in sql for value in wanted)):
            log.warning("statement not compiled (placeholders not found once each): %s",
                        queryset.model.__name__)
            return None
        return sql, params, slots, [f.attname for f in fields], converters

    def run(self, *, bounds: tuple[int, int] | None = None, **values) -> list[Model]:
        """The rows for `values` (`bounds`: offset and count, or every row)."""
        if bounds is not None and bounds[1] <= 0:
            return []
        alias = router.db_for_read(self.model)
        lengths = {name: len(value) if isinstance(value, (list, tuple)) else None
                   for name, value in values.items()}
        key = (alias, tuple(lengths.get(name) for name in self.names), bounds)
        if key not in self._compiled:
            if len(self._compiled) >= MAX_SHAPES:
                self._compiled.clear()
            self._compiled[key] = self.compile(alias, lengths, bounds)
        compiled = self._compiled[key]
        if compiled is None:
            return list(self.queryset(values, bounds).using(alias))
        sql, params, slots, names, converters = compiled
        params = list(params)
        for position, (name, index) in slots.items():
            params[position] = values[name] if index is None else values[name][index]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        make = instance_maker(self.model, alias, names)
        if not converters:
            return [make(row) for row in rows]
        found = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            found.append(make(row))
        return found


# The descriptors whose assignment on a new instance is a plain `__dict__` entry.
_PLAIN = (DeferredAttribute, ForeignKeyDeferredAttribute)


def instance_maker(model: type[Model], alias: str, names: list[str]) -> Callable[..., Model]:
    """A function row -> the instance `model.from_db(alias, names, row)` makes. Where that
    is only putting the values in the instance's `__dict__` (Django's own `__init__` and
    `from_db`, no pre_init or post_init receiver, and every column a plain field whose
    descriptor stores the value as given), the instance is made directly: `__init__` walks
    every field of the model for each row, deferred ones included, about 7 µs a row
    against under 1 µs (a column page's 20 rows: 142 → 15 µs). Anything else goes through
    `from_db`."""
    if (not _plain_columns(model, tuple(names))
            or signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model)):
        return functools.partial(model.from_db, alias, names)
    new = model.__new__

    def make(row) -> Model:
        instance = new(model)
        state = instance._state = ModelState()
        state.adding = False
        state.db = alias
        instance.__dict__.update(zip(names, row, strict=True))
        return instance

    return make


@functools.lru_cache(maxsize=MAX_SHAPES)
def _plain_columns(model: type[Model], names: tuple[str, ...]) -> bool:
    def descriptor(name):
        return next((k.__dict__[name] for k in model.__mro__ if name in k.__dict__), None)

    return (model.__init__ is Model.__init__
            and model.from_db.__func__ is Model.from_db.__func__
            and len(set(names)) == len(names)
            and all(type(descriptor(name)) in _PLAIN for name in names))
