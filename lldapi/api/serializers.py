from django.db import models
from rest_framework import serializers

from .fields import ISODurationField


class ModelSerializer(serializers.ModelSerializer):
    """The base of every LL2 representation: durations are ISO 8601 unless a field says otherwise."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DurationField: ISODurationField,
    }


def id_and_name(model):
    """The serializer of one of LL2's `{id, name}` lookup objects, named after its schema component."""
    meta = type("Meta", (), {"model": model, "fields": ["id", "name"]})
    return type(model.__name__, (ModelSerializer,), {"Meta": meta})
