"""Filters shared by every endpoint's FilterSet, for the lookups LL2's parameters name."""

from datetime import UTC, datetime
from decimal import Decimal

import django_filters
from django import forms
from django.db import models
from django.db.models import Value
from django.db.models.functions import StrIndex
from django_filters.fields import ModelMultipleChoiceField

# The lookups of a number or date column that LL2's filters name: `x`, `x__gt`, `x__gte`, `x__lt`, `x__lte`.
COMPARISONS = ["exact", "gt", "gte", "lt", "lte"]


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
    (`instr` on SQLite, `strpos` on PostgreSQL) is case-sensitive on both. Across a to-many relation,
    `distinct=True` gives each row once, however many of its related rows match.
    """

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        qs = qs.alias(**{f"{self.field_name}_position": StrIndex(self.field_name, Value(value))}).filter(
            **{f"{self.field_name}_position__gt": 0}
        )
        return qs.distinct() if self.distinct else qs


class BoundedIdsField(ModelMultipleChoiceField):
    """Ids of objects; one past the database's integers names none, and is refused before the query
    that would look it up (which the database would answer with an error)."""

    def clean(self, value):
        for item in value or ():
            if str(item).lstrip("-").isdigit() and out_of_range(int(item)):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return super().clean(value)


class ObjectsFilter(django_filters.ModelMultipleChoiceFilter):
    """`owners=1&owners=2`: any of the objects of these ids, given as repeated parameters."""

    field_class = BoundedIdsField


class NumberListFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """`status__ids=1,2`: any of a comma-separated list of numbers."""


class CharListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """`country_code=USA,FRA`: any of a comma-separated list of strings."""


class UUIDListFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """`launch__ids=<uuid>,<uuid>`: any of a comma-separated list of UUIDs (a malformed one answers 400)."""


# The bounds of the database's integers and of Python's datetimes, past which a database adapter raises.
SMALLEST_INTEGER, LARGEST_INTEGER = -(2**63), 2**63 - 1


def out_of_range(value):
    """Why `value` cannot reach the database, or None."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        if not SMALLEST_INTEGER <= value <= LARGEST_INTEGER:
            return f"{value} is out of range."
    elif isinstance(value, datetime):
        try:
            value.astimezone(UTC)
        except OverflowError:
            return f"{value.isoformat()} is out of range."
    return None


class BoundedValuesForm(forms.Form):
    """A filter form that refuses values the database cannot compare with, naming their parameter.

    A datetime reaches the database in UTC: PostgreSQL refuses offsets past ±15:59, which ISO 8601
    and Python allow (`+19:01`).
    """

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, datetime) and not out_of_range(value):
                cleaned[name] = value.astimezone(UTC)
            for item in value if isinstance(value, list | tuple) else [value]:
                if problem := out_of_range(item):
                    self.add_error(name, problem)
                    break
        return cleaned


_forms = {}  # FilterSet class -> its form class


class FilterSet(django_filters.FilterSet):
    """The base of every endpoint's FilterSet: strict booleans, and values out of range answer 400.

    A filter that compares with the time does so in SQL, with `Now()`: a worker remembers a filtered
    list's rows until the data changes unless its query reads `Now()` (`lldapi.store.answers.reads_clock`).
    """

    FILTER_DEFAULTS = {**django_filters.FilterSet.FILTER_DEFAULTS, models.BooleanField: {"filter_class": BooleanFilter}}

    def get_form_class(self):
        """The filters' form, made once per FilterSet class rather than for every request: its fields are
        the filters' (none depends on the request), and each form copies them."""
        filterset = type(self)
        if filterset not in _forms:
            _forms[filterset] = type(f"{filterset.__name__}Form", (BoundedValuesForm, super().get_form_class()), {})
        return _forms[filterset]
