"""Eager loading derived from a serializer's own tree of nested serializers.

Nested objects are joined to the page's query (`select_related`) while a query stays within
`MAX_JOINS` tables: LL2's deepest shapes nest well over a hundred objects, more than SQLite can join
in one query (64 tables) and more than PostgreSQL plans well. What is left (nested lists, and
objects past the join budget) is loaded once the page's rows are in memory, level by level, with one
query per kind of relation for the whole page: every image's `variants` in one query, wherever the
images sit. A page therefore costs the same number of queries whatever its size, and no serializer
can drift from the loading it needs.
"""

from django.db.models import Prefetch, prefetch_related_objects
from rest_framework import serializers

MAX_JOINS = 16


def nested_serializers(serializer):
    """Yield `(field, child, many)` for each nested serializer field of `serializer`."""
    for field in serializer.fields.values():
        if isinstance(field, serializers.ListSerializer):
            yield field, field.child, True
        elif isinstance(field, serializers.BaseSerializer):
            yield field, field, False


def loading_plan(serializer):
    """What a query for `serializer`'s objects joins, and what it leaves for later.

    Returns the `select_related` paths and a list of `(path, field, child, many)`: the nested fields
    loaded after the query, found on the objects reached from each row by the joined `path`.
    Computed once per serializer instance: a request's tree of serializers asks many times.
    """
    try:
        return serializer._loading_plan
    except AttributeError:
        serializer._loading_plan = plan_loading(serializer)
        return serializer._loading_plan


def plan_loading(serializer):
    joins = list(getattr(serializer.Meta, "select_related", ()))
    deferred = []
    for field, child, many in nested_serializers(serializer):
        if not many:
            child_joins, child_deferred = loading_plan(child)
            if len(joins) + 1 + len(child_joins) <= MAX_JOINS:
                joins.append(field.source)
                joins.extend(f"{field.source}__{join}" for join in child_joins)
                deferred.extend(((field.source, *path), *rest) for path, *rest in child_deferred)
                continue
        deferred.append(((), field, child, many))
    return joins, deferred


def prefetched_attr(source):
    return f"prefetched_{source}"


def related_rows(instance, source):
    """The rows of a to-many relation: the list eager loading prefetched, or else a query."""
    try:
        return instance.__dict__[prefetched_attr(source)]
    except KeyError:
        return getattr(instance, source).all()


def joined(queryset, serializer):
    return queryset.select_related(*loading_plan(serializer)[0])


def load_nested(objects, serializer):
    """Load what `serializer` shows of `objects` beyond the joins of their own query."""
    level = [(objects, serializer)]
    while level:
        relations = {}
        for instances, owner in level:
            for path, field, child, many in loading_plan(owner)[1]:
                key = (field.parent.Meta.model, field.source, type(child))
                relation = relations.setdefault(key, (field.source, child, many, {}))
                relation[3].update((id(instance), instance) for instance in reached(instances, path))
        level = []
        for source, child, many, parents in relations.values():
            parents = list(parents.values())
            if not parents:
                continue
            queryset = joined(child.Meta.model.objects.all(), child)
            # Lists are kept as plain lists: a related manager's cache costs a queryset per object.
            to_attr = prefetched_attr(source) if many else None
            prefetch_related_objects(parents, Prefetch(source, queryset=queryset, to_attr=to_attr))
            if many:
                children = [row for parent in parents for row in related_rows(parent, source)]
            else:
                children = list(reached(parents, (source,)))
            level.append((children, child))
    return objects


def reached(instances, path):
    """The objects at the end of `path`, a chain of single relations, from each of `instances`."""
    for instance in instances:
        value = instance
        for name in path:
            value = getattr(value, name)
            if value is None:
                break
        else:
            yield value
