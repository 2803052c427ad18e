"""Filters shared by every endpoint's FilterSet, for the lookups LL2's parameters name."""

import django_filters
from django import forms
from django.db.models import Value
from django.db.models.functions import StrIndex


class StrictBooleanField(forms.Field):
    """`true`/`false` (any case) or `1`/`0`; anything else is an error, not a silently ignored filter."""

    widget = forms.Select(choices=[("", "---------"), ("true", "Yes"), ("false", "No")])
    default_error_messages = {"invalid": "'%(value)s' is not a boolean; use true or false."}

    def to_python(self, value):
        if value in (None, ""):
            return None
        word = str(value).strip().lower()
        if word in {"true", "1"}:
            return True
        if word in {"false", "0"}:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})


class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class ContainsFilter(django_filters.CharFilter):
    """`name__contains`: a case-sensitive substring, on every database.

    Django's `contains` is case-insensitive on SQLite (its LIKE is); the position of the substring
    (`instr` on SQLite, `strpos` on PostgreSQL) is case-sensitive on both.
    """

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.alias(**{f"{self.field_name}_position": StrIndex(self.field_name, Value(value))}).filter(
            **{f"{self.field_name}_position__gt": 0}
        )


class NumberListFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """`status__ids=1,2`: any of a comma-separated list of numbers."""


class CharListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`country_code=USA,FRA`: any of a comma-separated list of strings."""
