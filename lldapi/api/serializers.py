import copy

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from rest_framework import serializers

from lldapi.records import related_rows

from .eager import joined, load_nested
from .fields import ISODurationField
from .shapes import shape_of


class PrefetchedList(serializers.ListSerializer):
    """A nested list that reads the rows eager loading prefetched (`lldapi.api.eager`), if it did."""

    def get_attribute(self, instance):
        return related_rows(instance, self.source)


class Where(PrefetchedList):
    """A nested list of the rows of a to-many relation that match `condition`, a Q evaluated at the
    time of the request (what is "active" is never stored); with `first=True`, the first such row or null."""

    def __init__(self, *args, condition, first=False, **kwargs):
        self.condition, self.first = condition, first
        super().__init__(*args, **kwargs)

    def get_attribute(self, instance):
        return related_rows(instance, self.source, self.condition, self.field_name)

    def to_representation(self, data):
        if not self.first:
            return super().to_representation(data)
        rows = super().to_representation(list(data)[:1])
        return rows[0] if rows else None


class Selected(serializers.ListSerializer):
    """A list of the rows that `rows(instance)` selects (a queryset, in its order), in an object that no
    single row holds (a dashboard's lists). Its rows are loaded as a page's are (`lldapi.api.eager`).
    With an `owner`, the foreign key of its rows to the instance's attribute of that name, an import
    makes the listed rows the owner's, and the list replaces those it had."""

    def __init__(self, *args, rows, owner=None, **kwargs):
        self.rows, self.owner = rows, owner
        super().__init__(*args, **kwargs)

    def get_attribute(self, instance):
        shape = shape_of(type(self.child))
        return load_nested(list(joined(self.rows(instance), shape)), shape)


def selected_lists(serializer, path=()):
    """(keys from the top, field) of each `Selected` list of an object of lists, however deep, in order."""
    for name, field in serializer.fields.items():
        if isinstance(field, Selected):
            yield (*path, name), field
        elif isinstance(field, serializers.Serializer):
            yield from selected_lists(field, (*path, name))


class RecordSerializer(serializers.ModelSerializer):
    """The base of every LL2 representation of a record: ISO 8601 durations, nested lists from eager
    loading, fields built once per class (they depend on it alone), and a record shown several times in
    one response in the same shape represented once."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DurationField: ISODurationField,
    }
    _field_templates = {}  # serializer class -> its fields, built once

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = PrefetchedList

    def to_representation(self, instance):
        built = self.root.__dict__.setdefault("_representations", {})
        key = (type(self), instance.pk)
        if key not in built:
            built[key] = super().to_representation(instance)
        return built[key]

    def get_fields(self):
        cls = type(self)
        if cls not in self._field_templates:
            self._field_templates[cls] = self.build_fields()
        fields = {}
        for name, template in self._field_templates[cls].items():
            if isinstance(template, serializers.BaseSerializer):
                # A deep copy builds the field again from its arguments: carry what `build_fields` set.
                fields[name] = copy.deepcopy(template)
                fields[name].allow_null = template.allow_null
            else:
                # Plain fields keep no state of their own beyond their binding: a shallow copy will do.
                fields[name] = copy.copy(template)
        return fields

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if issubclass(field_class, serializers.CharField):
            # LL2's text is stored as published: leading and trailing spaces are part of the value.
            kwargs["trim_whitespace"] = False
        return field_class, kwargs

    def build_fields(self):
        """DRF's fields, with a nested object nullable unless its column says it is always there: what the
        database may not know is null (as the OpenAPI document says)."""
        fields = super().get_fields()
        for field in fields.values():
            if isinstance(field, serializers.BaseSerializer) and not isinstance(field, serializers.ListSerializer):
                try:
                    field.allow_null = self.Meta.model._meta.get_field(field.source).null
                except FieldDoesNotExist:
                    field.allow_null = True
        return fields


def id_and_name(model):
    """The serializer of one of LL2's `{id, name}` lookup objects, named after its schema component."""
    meta = type("Meta", (), {"model": model, "fields": ["id", "name"]})
    return type(model.__name__, (RecordSerializer,), {"Meta": meta})
