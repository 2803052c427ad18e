"""A serializer's shape, compiled once per class: each field's role and the relation it reads, and the
shapes it nests. Eager loading, the representation store and the importer all walk it."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import models
from rest_framework import serializers

from .fields import Constant

# What a field of a shape is: the record's id, its own link, a value fixed by the schema, a value of a
# column, an object held by the row's foreign key, or a list of related rows (or the one object that
# points at the row, as a reverse one-to-one).
ID, LINK, CONSTANT, VALUE, OBJECT, LIST = "id", "link", "constant", "value", "object", "list"


@dataclass(eq=False)
class Part:
    """A field of a shape. `relation` is the model field its source names (a value's column, an object's
    foreign key, a list's relation); `shape` what a nested field shows."""

    name: str
    field: serializers.Field
    role: str
    relation: models.Field | models.ForeignObjectRel | None = None
    shape: "Shape | None" = None
    many: bool = False
    condition: models.Q | None = None  # a list of only the related rows that match it (`Where`)
    first: bool = False  # the first of them, or null, in place of a list

    @property
    def source(self):
        return self.field.source


@dataclass(eq=False)
class Shape:
    serializer: type
    parts: dict = field(default_factory=dict)  # name -> Part, in the serializer's order

    @property
    def model(self):
        return self.serializer.Meta.model

    @cached_property
    def nested(self):
        return [part for part in self.parts.values() if part.shape is not None]

    @cached_property
    def reads_relations(self):
        """The relations that its plain fields read (`reads_relations` of a field), each once, in order."""
        names = (name for part in self.parts.values() if part.shape is None
                 for name in getattr(part.field, "reads_relations", ()))
        return list(dict.fromkeys(names))


_shapes = {}  # serializer class -> Shape


def shape_of(serializer_class):
    """The shape of `serializer_class`, compiled once."""
    if serializer_class not in _shapes:
        shape = Shape(serializer_class)
        model = shape.model
        for name, item in serializer_class().fields.items():
            shape.parts[name] = compiled_part(model, name, item)
        _shapes[serializer_class] = shape
    return _shapes[serializer_class]


def compiled_part(model, name, item):
    if name == "id":
        return Part(name, item, ID, model._meta.pk)
    if isinstance(item, serializers.HyperlinkedIdentityField):
        return Part(name, item, LINK)
    if isinstance(item, Constant):
        return Part(name, item, CONSTANT)
    if isinstance(item, serializers.BaseSerializer):
        many = isinstance(item, serializers.ListSerializer)
        relation = model._meta.get_field(item.source)
        # An object that points at the row (a landing's first stage) is read and written as a list is.
        role = OBJECT if relation.concrete and not relation.many_to_many and not many else LIST
        return Part(name, item, role, relation, shape_of(type(item.child if many else item)), many,
                    getattr(item, "condition", None), not many or getattr(item, "first", False))
    return Part(name, item, VALUE, model._meta.get_field(item.source))
