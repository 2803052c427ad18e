from django.db.models import F
from rest_framework import filters


class StableOrderingFilter(filters.OrderingFilter):
    """DRF's ordering over the endpoint's `ordering_fields` (others ignored, as LL2 does), nulls last
    ascending on every database, and `id` breaking ties so that pages never overlap or skip."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or ["id"]
        expressions = [
            F(field[1:]).desc(nulls_first=True) if field.startswith("-") else F(field).asc(nulls_last=True)
            for field in ordering
        ]
        if not {"id", "-id"} & set(ordering):
            expressions.append(F("id").asc())
        return queryset.order_by(*expressions)
