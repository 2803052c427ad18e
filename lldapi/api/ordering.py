from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from rest_framework import filters

from lldapi.collation import Collated


class StableOrderingFilter(filters.OrderingFilter):
    """DRF's ordering over the endpoint's `ordering_fields` (others ignored, as LL2 does), text in LL2's
    collation, nulls last ascending on every database, and `id` breaking ties so that pages never
    overlap or skip."""

    def filter_queryset(self, request, queryset, view):
        return stably_ordered(queryset, self.get_ordering(request, queryset, view) or ["id"])


def stably_ordered(queryset, ordering):
    """`queryset` in `ordering` (field names, `-` for descending) as the API orders: text in LL2's collation,
    nulls last ascending on every database, and `id` breaking ties."""
    expressions = []
    for field in ordering:
        name = field.removeprefix("-")
        value = Collated(name) if is_text(queryset.model, name) else F(name)
        expressions.append(value.desc(nulls_first=True) if field.startswith("-") else value.asc(nulls_last=True))
    if not {"id", "-id"} & set(ordering):
        expressions.append(F("id").asc())
    return queryset.order_by(*expressions)


@cache
def is_text(model, lookup):
    """Whether `lookup` (`location__name`) names a text column of `model` (not an annotation)."""
    *relations, name = lookup.split("__")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return isinstance(model._meta.get_field(name), (models.CharField, models.TextField))
    except (FieldDoesNotExist, AttributeError):
        return False
