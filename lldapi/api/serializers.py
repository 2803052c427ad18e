import copy

from django.db import models
from rest_framework import serializers

from .eager import related_rows
from .fields import ISODurationField


class PrefetchedList(serializers.ListSerializer):
    """A nested list that reads the rows eager loading prefetched (`lldapi.api.eager`), if it did."""

    def get_attribute(self, instance):
        return related_rows(instance, self.source)


class ModelSerializer(serializers.ModelSerializer):
    """The base of every LL2 representation: durations are ISO 8601 unless a field says otherwise."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DurationField: ISODurationField,
    }

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = PrefetchedList

    def get_fields(self):
        # DRF builds a ModelSerializer's fields by introspecting its model, for every serializer of
        # every request: hundreds for a detailed shape. They depend on the class alone, so they are
        # built once and each serializer gets its own copy.
        cls = type(self)
        if "_field_templates" not in cls.__dict__:
            cls._field_templates = super().get_fields()
        # Plain fields keep no state of their own beyond their binding: a shallow copy will do.
        return {
            name: copy.deepcopy(field) if isinstance(field, serializers.BaseSerializer) else copy.copy(field)
            for name, field in cls._field_templates.items()
        }


def id_and_name(model):
    """The serializer of one of LL2's `{id, name}` lookup objects, named after its schema component."""
    meta = type("Meta", (), {"model": model, "fields": ["id", "name"]})
    return type(model.__name__, (ModelSerializer,), {"Meta": meta})
