"""Eager loading derived from a serializer's own tree of nested serializers.

Nested objects are joined to the page's query (`select_related`) while a query stays within
`MAX_JOINS` tables: LL2's deepest shapes nest well over a hundred objects, more than SQLite can join
in one query (64 tables) and more than PostgreSQL plans well. What is left (nested lists, and
objects past the join budget) is loaded once the page's rows are in memory, level by level, with one
query per kind of relation for the whole page: every image's `variants` in one query, wherever the
images sit. A page therefore costs the same number of queries whatever its size, and no serializer
can drift from the loading it needs. A many-to-many list is read through its link rows, which keep the
order LL2 lists it in (`lldapi.records.Links`); a list of children that LL2 does not sort is put in
the order of the last page that listed it (`lldapi.records.Children`), read in one more query.

Besides nested serializers, a plain field may read relations of its object (a 2.0.0 value that
falls back to a related 2.3.0 object): it lists them in its `reads_relations` attribute, and they
are loaded like the rest.

A nested list may show only the related rows that match a condition (`lldapi.api.serializers.Where`:
a station's expeditions under way): its `condition` filters the query that loads the relation for the
page, and the rows are kept apart from those of the whole relation, under the field's own name.
"""

from collections import defaultdict
from typing import NamedTuple

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Prefetch, Q, prefetch_related_objects

from lldapi.records import Children, Links, prefetched_attr

from .shapes import Shape

MAX_JOINS = 16


class Deferred(NamedTuple):
    """A relation loaded after the query, on the objects reached from each row by the joined `path`."""

    path: tuple
    model: type[Model]  # the model that holds the relation
    source: str
    child: Shape | None  # what shows the related objects; None: a plain field reads them
    many: bool
    attr: str | None = None  # where a list's rows are kept on each object
    condition: Q | None = None  # only the related rows that match it


_plans = {}  # Shape -> its loading plan


def loading_plan(shape):
    """What a query for `shape`'s objects joins (`select_related` paths), and the `Deferred` relations it
    leaves for later; worked out once per shape."""
    if shape not in _plans:
        _plans[shape] = plan_loading(shape)
    return _plans[shape]


def plan_reads(shape):
    """What a query for `shape`'s objects joins, and the `Deferred` relations it leaves, for its plain
    fields alone (`reads_relations`): its nested serializers aside."""
    model = shape.model
    joins, deferred = [], []
    for name in shape.reads_relations:
        relation = model._meta.get_field(name)
        if relation.many_to_one or relation.one_to_one:
            joins.append(name)
        else:
            deferred.append(Deferred((), model, name, None, True, prefetched_attr(name)))
    return joins, deferred


def plan_loading(shape):
    model = shape.model
    joins, deferred = plan_reads(shape)
    for part in shape.nested:
        if not part.many:
            child_joins, child_deferred = loading_plan(part.shape)
            if len(joins) + 1 + len(child_joins) <= MAX_JOINS:
                joins.append(part.source)
                joins.extend(f"{part.source}__{join}" for join in child_joins)
                deferred.extend(item._replace(path=(part.source, *item.path)) for item in child_deferred)
                continue
        attr = prefetched_attr(part.name if part.condition is not None else part.source) if part.many else None
        deferred.append(Deferred((), model, part.source, part.shape, part.many, attr, part.condition))
    return joins, deferred


def joined(queryset, shape):
    return queryset.select_related(*loading_plan(shape)[0])


def relation_key(item):
    return (item.model, item.attr or item.source, item.child)


def load_nested(objects, shape):
    """Load what `shape` shows of `objects` beyond the joins of their own query: each relation once, for
    every object that reaches it by any path, however deep (`loading_order`)."""
    waiting = defaultdict(dict)  # relation key -> {id(instance): instance} to load it on
    found = {}  # relation key -> its Deferred

    def reach(instances, owner):
        for item in loading_plan(owner)[1]:
            key = relation_key(item)
            found.setdefault(key, item)
            waiting[key].update((id(instance), instance) for instance in reached(instances, item.path))

    reach(objects, shape)
    for key in loading_order(shape):
        parents = list(waiting.pop(key, {}).values())
        if not parents:
            continue
        item = found[key]
        load(parents, item)
        if item.child is None:
            continue
        if item.many:
            children = [row for parent in parents for row in getattr(parent, item.attr)]
        else:
            children = list(reached(parents, (item.source,)))
        reach(children, item.child)
    return objects


_orders = {}  # Shape -> its relations' keys in loading order


def loading_order(shape):
    """The keys of the relations that loading `shape` reaches, each after every relation above it on any
    path: by the deepest level it is reached at, so that a relation reached at two depths loads once."""
    if shape not in _orders:
        depths = {}

        def visit(owner, depth):
            for item in loading_plan(owner)[1]:
                key = relation_key(item)
                if depths.get(key, -1) < depth:
                    depths[key] = depth
                    if item.child is not None:
                        visit(item.child, depth + 1)

        visit(shape, 0)
        _orders[shape] = sorted(depths, key=depths.get)
    return _orders[shape]


def load(parents, item):
    """Load the relation of `item` on `parents`, which all hold it, in one query (or two)."""
    links = Links.of(item.model, item.source) if item.condition is None else None
    if links:
        load_links(parents, links, item)
    else:
        prefetch(parents, item)


def prefetch(parents, item):
    if item.child is None:
        queryset = item.model._meta.get_field(item.source).related_model.objects.all()
    else:
        queryset = joined(item.child.model.objects.all(), item.child)
    if item.condition is not None:
        queryset = queryset.filter(item.condition)
    # Lists are kept as plain lists: a related manager's cache costs a queryset per object.
    prefetch_related_objects(parents, Prefetch(item.source, queryset=queryset, to_attr=item.attr))
    children = Children.of(item.model, item.source) if item.condition is None else None
    if children:
        orders = children.orders([str(parent.pk) for parent in parents])
        for parent in parents:
            setattr(parent, item.attr, children.arrange(getattr(parent, item.attr), orders[str(parent.pk)]))


def load_links(parents, links, item):
    """Load a many-to-many list through its link rows, which keep the list's order (`Links`)."""
    joins = [] if item.child is None else loading_plan(item.child)[0]
    rows = links.listed([parent.pk for parent in parents]).select_related(
        links.item, *(f"{links.item}__{join}" for join in joins))
    lists = defaultdict(list)
    for row in rows:
        lists[getattr(row, f"{links.owner}_id")].append(getattr(row, links.item))
    for parent in parents:
        setattr(parent, item.attr, lists[parent.pk])


def reached(instances, path):
    """The objects at the end of `path`, a chain of single relations, from each of `instances`.

    A reverse one-to-one relation with no row (a landing's `firststage`) raises rather than give None.
    """
    for instance in instances:
        value = instance
        for name in path:
            try:
                value = getattr(value, name)
            except ObjectDoesNotExist:
                value = None
            if value is None:
                break
        else:
            yield value
