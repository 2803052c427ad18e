"""Eager loading derived from a serializer's own tree of nested serializers.

Each nested object becomes a join (`select_related`) and each nested list one extra query
(`Prefetch`, itself eagerly loaded the same way), so that a page costs the same number of queries
whatever its size, and no serializer can drift from the loading it needs.

A nested object whose subtree would push a query past `MAX_JOINS` tables is prefetched instead:
LL2's deepest shapes nest well over a hundred objects, more than SQLite can join in one query
(64 tables) and more than PostgreSQL plans well.
"""

from django.db.models import Prefetch
from rest_framework import serializers

MAX_JOINS = 16


def nested_serializers(serializer):
    """Yield `(field, child, many)` for each nested serializer field of `serializer`."""
    for field in serializer.fields.values():
        if isinstance(field, serializers.ListSerializer):
            yield field, field.child, True
        elif isinstance(field, serializers.BaseSerializer):
            yield field, field, False


def eager_load(queryset, serializer):
    joins, prefetches = loading_plan(serializer)
    return queryset.select_related(*joins).prefetch_related(*prefetches)


def loading_plan(serializer):
    """The `select_related` paths and `Prefetch` objects that `serializer` needs."""
    joins = list(getattr(serializer.Meta, "select_related", ()))
    prefetches = []
    for field, child, many in nested_serializers(serializer):
        if not many:
            child_joins, child_prefetches = loading_plan(child)
            if len(joins) + 1 + len(child_joins) <= MAX_JOINS:
                joins.append(field.source)
                joins.extend(f"{field.source}__{join}" for join in child_joins)
                prefetches.extend(
                    Prefetch(f"{field.source}__{prefetch.prefetch_through}", queryset=prefetch.queryset)
                    for prefetch in child_prefetches
                )
                continue
        queryset = eager_load(child.Meta.model.objects.all(), child)
        prefetches.append(Prefetch(field.source, queryset=queryset))
    return joins, prefetches
