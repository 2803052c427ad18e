"""Components: a serializer class under one API version, its nested fields and the digest of its
definition; which components exist, and which of them read or hold the rows of a model."""

import hashlib
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from operator import attrgetter

import django
import rest_framework
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.versioning import NamespaceVersioning

from lldapi.api.serializers import selected_lists
from lldapi.api.shapes import OBJECT, shape_of
from lldapi.models import ChildOrder
from lldapi.records import Children, Links, Record

from .fragments import LINK_MARK
from .queries import among

# Bump when what stored fragments hold changes beyond what their digests see (their layout, a list's order).
STORE_FORMAT = "4"


@dataclass(eq=False)
class Nested:
    """A nested serializer field of a component: an `object` held by the row's own foreign key, or a
    `list` of related rows (with `first`, the first of them or null, as a reverse one-to-one or a
    `Where(first=True)` shows)."""

    component: "Component"
    kind: str
    attname: str | None = None  # an object's foreign key column
    back: str | None = None  # a list's lookup from the related model back to this one
    back_column: str | None = None  # a list's `back` where it is the related rows' own foreign key
    parent_pk: models.Field | None = None  # a list's parent's primary key, which `back` reaches
    condition: models.Q | None = None
    first: bool = False
    links: Links | None = None  # a many-to-many list's, whose rows keep its order (none with a condition)
    unsorted: Children | None = None  # a list of children that LL2 does not sort, in its kept order (idem)

    @property
    def stored_list(self):
        """Whether a fragment holds the ids of this list's rows: every list but those of the rows that
        match a condition on the time, which are read at the time of the request."""
        return self.kind == "list" and self.condition is None

    @property
    def relation(self):
        """What tells a list's relation apart from the other lists of the same model, whatever shows it."""
        return (self.component.model, self.back, self.links, self.condition)

    def children(self, parents):
        """{parent pk (str): [child pk (str)]} of the rows related to `parents`, in the list's order."""
        model = self.component.model
        parents = among(self.parent_pk, parents)
        if self.links:
            pairs = self.links.listed(parents).values_list(f"{self.links.owner}_id", f"{self.links.item}_id")
        else:
            queryset = model.objects.filter(**{f"{self.back}__in": parents})
            if self.condition is not None:
                queryset = queryset.filter(self.condition)
            if not model._meta.ordering:
                queryset = queryset.order_by("pk")
            pairs = queryset.values_list(self.back, "pk")
        rows = defaultdict(list)
        for parent, child in pairs:
            rows[str(parent)].append(str(child))
        if self.unsorted:
            orders = self.unsorted.orders(among(ChildOrder._meta.get_field("parent"), rows))
            for parent, order in orders.items():
                rows[parent] = self.unsorted.arrange(rows[parent], order)
        return rows


@dataclass(eq=False)
class Component:
    """A serializer class under one API version, with its nested fields and the digest of its definition."""

    serializer: type
    version: str
    nested: dict = field(default_factory=dict)
    digest: str = ""

    @property
    def model(self):
        return self.serializer.Meta.model

    @property
    def name(self):
        return self.serializer.__name__

    @property
    def shape(self):
        return shape_of(self.serializer)

    def key(self, pk):
        return f"{self.digest}:{pk}"

    @cached_property
    def time_relative(self):
        """Whether it nests a list of the rows that match a condition on the time (`Where`)."""
        return any(nested.condition is not None or nested.component.time_relative for nested in self.nested.values())

    @cached_property
    def rendered_fields(self):
        """(name, field, its `Nested` or None, what reads its value from a row) of each field of an instance of
        the serializer whose self links start with the link mark, under this version: worked out once, as
        they read nothing but a row."""
        request = Request(MarkedLinks())
        request.version, request.versioning_scheme = self.version, NamespaceVersioning()
        fields = self.serializer(context={"request": request}).fields
        return [(name, field, self.nested.get(name), reader(self.model, field)) for name, field in fields.items()]


def reader(model, field):
    """What reads `field`'s value from a row of `model`: DRF's `get_attribute`, or, for a column of the row
    itself that the field reads as DRF reads it, the column's attribute, without DRF's checks for
    dictionaries and callables."""
    if type(field).get_attribute is not serializers.Field.get_attribute or len(field.source_attrs) != 1:
        return field.get_attribute
    try:
        column = model._meta.get_field(field.source_attrs[0])
    except FieldDoesNotExist:
        return field.get_attribute
    if not column.concrete or column.is_relation:
        return field.get_attribute
    return attrgetter(column.attname)


class MarkedLinks(HttpRequest):
    """A request whose absolute URIs are the link mark and the path: links as the store keeps them."""

    def build_absolute_uri(self, location=None):
        return LINK_MARK + location


_components = {}  # (serializer class, version) -> Component
_by_digest = {}  # digest -> Component


def component(serializer_class, version):
    """The component of `serializer_class` under `version`, planned once from its shape."""
    key = (serializer_class, version)
    if key not in _components:
        made = _components[key] = Component(serializer_class, version)
        shape = shape_of(serializer_class)
        for part in shape.nested:
            made.nested[part.name] = plan_nested(made, part, version)
        made.digest = definition_digest(made, shape)
        # Classes of the same definition (an `{id, name}` lookup made twice) share one component.
        _components[key] = _by_digest.setdefault(made.digest, made)
    return _components[key]


def plan_nested(parent, part, version):
    child, relation = component(part.shape.serializer, version), part.relation
    if part.role == OBJECT:
        return Nested(child, "object", attname=relation.attname)
    back_column = None
    if relation.concrete:  # a many-to-many field of this model
        back = relation.related_query_name()
    else:  # the other side of a foreign key, one-to-one or many-to-many field
        back = relation.field.name
        if not relation.many_to_many:
            back_column = back
    stored = part.condition is None
    return Nested(child, "list", back=back, back_column=back_column, parent_pk=parent.model._meta.pk,
                  condition=part.condition, first=part.first,
                  links=Links.of(parent.model, part.source) if stored else None,
                  unsorted=Children.of(parent.model, part.source) if stored else None)


def definition_digest(made, shape):
    parts = [STORE_FORMAT, django.__version__, rest_framework.__version__, made.version, made.model._meta.label]
    parts += [made.name, class_code(made.serializer)]
    for name, part in shape.parts.items():
        item = part.field
        parts += [name, type(item).__qualname__, str(item.source), class_code(type(item))]
        if name in made.nested:
            nested = made.nested[name]
            parts += [nested.component.digest, nested.kind, str(nested.condition), str(nested.first)]
        parts.append(repr(getattr(item, "value", None)))  # a Constant's value
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@cache
def class_code(cls):
    """The source of `cls` and of its bases in the project, or its name where it has no source."""
    texts = []
    for base in cls.__mro__:
        if base.__module__.split(".")[0] in ("rest_framework", "builtins", "django"):
            continue
        try:
            texts.append(inspect.getsource(base))
        except (OSError, TypeError):
            texts.append(f"{base.__module__}.{base.__qualname__}")
    return "\n".join(texts)


@dataclass(eq=False)
class Composition:
    """A serializer of lists that no record holds (a dashboard), under one API version: the component
    of each of its `Selected` lists, however deep, and the digest of its definition. Its lists are
    selected at the time of each request."""

    serializer: type
    version: str
    lists: list = field(default_factory=list)
    digest: str = ""
    time_relative = True


def composition(serializer_class, version):
    """The composition of `serializer_class` under `version`, planned once."""
    key = (serializer_class, version)
    if key not in _components:
        made = Composition(serializer_class, version)
        parts = [STORE_FORMAT, made.version, class_code(serializer_class)]
        for path, item in selected_lists(serializer_class()):
            made.lists.append(component(type(item.child), version))
            parts += ["/".join(path), class_code(type(item.parent)), made.lists[-1].digest]
        made.digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        _components[key] = made
    return _components[key]


def located(key):
    """(component, pk) of a fragment's key."""
    digest, _, pk = key.partition(":")
    return _by_digest[digest], pk


def components_of_resources(resources):
    """The components that `resources` show, nested ones included, each once."""
    found = {}

    def visit(item):
        if item.digest not in found:
            found[item.digest] = item
            for nested in item.nested.values():
                visit(nested.component)

    for resource in resources:
        for mode in resource.modes or [None]:
            serializer = resource.serializer_for(mode)
            if resource.subject is None:
                visit(component(serializer, resource.version))
            else:
                for item in composition(serializer, resource.version).lists:
                    visit(item)
    return list(found.values())


# The resources whose answers are stored: the registry's, handed over as Django starts (`connect`).
stored_resources = []


@cache
def all_components():
    return components_of_resources(stored_resources)


@cache
def components_of(model):
    return [item for item in all_components() if item.model is model]


@cache
def readers_of(model):
    """(component, relation) pairs whose plain fields read rows of `model` through `relation`."""
    pairs = []
    for item in all_components():
        for relation in item.shape.reads_relations:
            if item.model._meta.get_field(relation).related_model is model:
                pairs.append((item, relation))
    return pairs


@cache
def holders_of(model):
    """{lookup: [component]}: the components whose fragments hold the ids of rows of `model` in a
    list, by the lookup from `model` to the row that holds them."""
    found = defaultdict(list)
    for item in all_components():
        for nested in item.nested.values():
            if nested.stored_list and nested.component.model is model:
                found[nested.back].append(item)
    return found


@cache
def moving_lookups(model):
    """The part of `holders_of(model)` whose lookups are foreign keys of `model`'s own."""
    columns = {nested.back_column for item in all_components() for nested in item.nested.values()
               if nested.stored_list and nested.component.model is model}
    return {lookup: items for lookup, items in holders_of(model).items() if lookup in columns}


@cache
def saving_lookups(model):
    """The part of `holders_of(model)` whose lists a save of a row can change: all of it for a kind in an
    order of its own (agencies by name), which a save may reorder; else those that hold it by a foreign
    key of its own (`moving_lookups`), which a save may move it between. Many-to-many lists change by
    their links alone (`forget_relinked`)."""
    return holders_of(model) if model._meta.ordering != Record._meta.ordering else moving_lookups(model)
