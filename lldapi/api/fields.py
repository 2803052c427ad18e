"""Serializer fields shared by every LL2 representation."""

import isodate
from django.db import models
from django.urls import reverse
from rest_framework import serializers

from lldapi.records import related_rows


class Constant(serializers.Field):
    """A value fixed by the schema component, such as its `response_mode` default."""

    def __init__(self, value):
        self.value = value
        super().__init__(read_only=True, source="*")

    def to_representation(self, instance):
        return self.value


class ISODurationField(serializers.DurationField):
    """An ISO 8601 duration, as LL2 writes them: `P196DT15H42M47S`, `P0D`, microseconds kept."""

    def to_representation(self, value):
        return isodate.duration_isoformat(value)

    def to_internal_value(self, value):
        try:
            duration = isodate.parse_duration(str(value))
        except (isodate.ISO8601Error, ValueError):
            self.fail("invalid", format="ISO 8601 (P[n]DT[n]H[n]M[n]S)")
        if isinstance(duration, isodate.Duration):  # years or months: no fixed length
            self.fail("invalid", format="ISO 8601 in days, hours, minutes and seconds")
        return duration


class SelfLink(serializers.HyperlinkedIdentityField):
    """The `url` of an object: its detail route, under the request's API version.

    DRF's reverse builds it from the request's scheme and host and keeps a `format` query parameter,
    as LL2's links do (`.../spacecraft/238/?format=api`). A page holds thousands of links to a
    handful of routes, so each route is reversed once per request, with a marker where the id goes.
    """

    ID_MARKER = "__id__"

    def get_url(self, obj, view_name, request, format):
        routes = self.context.setdefault("self_link_routes", {})
        if (view_name, format) not in routes:
            routes[view_name, format] = self.reverse(
                view_name, kwargs={"pk": self.ID_MARKER}, request=request, format=format
            )
        return routes[view_name, format].replace(self.ID_MARKER, str(obj.pk))


def record_url(request, model, pk, version):
    """The absolute link of record `pk` of `model` under API `version`: its endpoint's object, or its
    embedded resource's, without `?format=` (the self links of JSON keep it)."""
    return request.build_absolute_uri(reverse(f"{version}:{model._meta.model_name}-detail", kwargs={"pk": pk}))


def self_link(resource):
    return SelfLink(view_name=f"{resource}-detail")


class LegacyValue(serializers.CharField):
    """A 2.0.0 value in a column of its own, or where only 2.3.0 pages told us of the object, the 2.3.0
    value at `fallback`: a dotted path whose to-many steps take the first object (`families.name`)."""

    def __init__(self, fallback, **kwargs):
        self.fallback = fallback.split(".")
        self.reads_relations = self.fallback[:1]
        super().__init__(allow_null=True, allow_blank=True, **kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return value_at(instance, self.fallback) if value is None else value


def value_at(instance, path):
    """The value at `path` from `instance`: None past a missing object, the first of a to-many relation."""
    value = instance
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
        if isinstance(value, models.Manager):
            value = next(iter(related_rows(value.instance, name)), None)
    return value
