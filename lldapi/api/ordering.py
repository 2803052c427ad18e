from django.db.models import F
from rest_framework import filters


class StableOrderingFilter(filters.OrderingFilter):
    """DRF's ordering over the fields an endpoint declares, made total and the same on every database.

    Only the view's `ordering_fields` are accepted (the registry always declares them); others are
    ignored, as LL2 does. Nulls come last in ascending order and first in descending order
    (PostgreSQL's own rule, made explicit for SQLite), and `id` breaks ties so that consecutive pages
    never overlap or skip.
    """

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or ["id"]
        expressions = [
            F(field[1:]).desc(nulls_first=True) if field.startswith("-") else F(field).asc(nulls_last=True)
            for field in ordering
        ]
        if not {"id", "-id"} & set(ordering):
            expressions.append(F("id").asc())
        return queryset.order_by(*expressions)
