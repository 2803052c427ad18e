"""Serializer fields shared by every LL2 representation."""

import isodate
from rest_framework import serializers


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


def self_link(resource):
    """The `url` of an object: its detail route, under the request's API version.

    DRF's reverse builds it from the request's scheme and host and keeps a `format` query
    parameter, as LL2's links do (`.../spacecraft/238/?format=api`).
    """
    return serializers.HyperlinkedIdentityField(view_name=f"{resource}-detail")
