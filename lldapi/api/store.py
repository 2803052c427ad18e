"""The representation store: the JSON of every record in every shape that a served endpoint shows,
made by the serializers that define the shapes, kept in the database and served without them.

**Fragments.** A record is stored once per *component* (a serializer class under one API version:
`AgencyMini` of 2.3.0), as the JSON its serializer writes for it, except that every nested object
and list is left as a hole: a nested object's hole names the object's id (the row's own foreign key),
a nested list's hole the ids of its rows, in the list's order. Each fragment's row also holds the keys
of the fragments its holes name (`refs`), so that the fragments of a whole response, however deep,
are read in one recursive query. The lists of the rows that match a condition on the time (a
station's expeditions under way, a docking location's docked vehicle) are the exception: their holes
name only the field, and they are read at the time of the request, so that what is under way is
always now. An agency embedded in ten thousand responses is stored once per shape.

**Links.** A fragment is made with a request whose absolute URIs start with a NUL character, so that
every self link is written `"\\u0000/2.3.0/agencies/1/"`. LL2 data has no NUL (the importer refuses
it), so that `"\\u0000` marks a link and nothing else; serving puts the request's origin there (and
its `?format=` as DRF's links keep it).

**Versions.** A component's `digest` comes from its serializer's definition (its fields, their
classes and sources, its nested components' digests, the code of the classes involved) and prefixes
its fragments' keys: a deploy that changes a shape never serves old fragments, it misses them.

**Never stale.** Every save, deletion or many-to-many change of a record forgets, in the same
transaction, the fragments it changes (its own, those of the rows whose plain fields read it, its
`reads_relations`, and those of the rows whose lists hold it, before and after a save that may move
it to another list) and moves the data version on; bulk writes (`generate_data`, a flush) forget
everything. A fragment missing from the store is made on the spot with the same serializers, used for
the response, and written (a *fill*) unless the data moved on since the request began.
`build_representations` fills the store ahead of reads.
"""

import hashlib
import inspect
import json
import logging
import re
import secrets
import threading
from collections import OrderedDict, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property

import django
import rest_framework
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Subquery, signals
from django.db.models.expressions import RawSQL
from django.db.models.functions import Now
from django.db.models.sql import Query
from django.http import HttpRequest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.versioning import NamespaceVersioning

from lldapi.models import ChildOrder, DataVersion, Representation

from .models import Children, Links, Record

log = logging.getLogger(__name__)

# Bump when what stored fragments hold changes beyond what their digests see (their layout, a list's order).
STORE_FORMAT = "4"
LINK_MARK = "\x00"
HOLE_MARK = "\x00#"
HOLE = re.compile(rb'"\\u0000#([^"\\]*)"')
SPLIT = b"\x01"
LINK = b'"\\u0000/'
LINK_PATH = re.compile(rb'"\\u0000(/[^"]*)"')
BATCH = 500


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

    def children(self, parents):
        """{parent pk (str): [child pk (str)]} of the rows related to `parents`, in the list's order."""
        model = self.component.model
        parents = RawSQL(*one_parameter(self.parent_pk, parents))
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
            orders = self.unsorted.orders(RawSQL(*one_parameter(ChildOrder._meta.get_field("parent"), rows)))
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

    def key(self, pk):
        return f"{self.digest}:{pk}"

    @cached_property
    def time_relative(self):
        """Whether it nests a list of the rows that match a condition on the time (`Where`)."""
        return any(nested.condition is not None or nested.component.time_relative for nested in self.nested.values())

    @cached_property
    def fields_with_links(self):
        """The fields of an instance of the serializer whose self links start with the link mark, under this
        version: worked out once, as they read nothing but a row."""
        request = Request(MarkedLinks())
        request.version, request.versioning_scheme = self.version, NamespaceVersioning()
        return self.serializer(context={"request": request}).fields


class MarkedLinks(HttpRequest):
    """A request whose absolute URIs are the link mark and the path: links as the store keeps them."""

    def build_absolute_uri(self, location=None):
        return LINK_MARK + location


_components = {}  # (serializer class, version) -> Component
_by_digest = {}  # digest -> Component


def component(serializer_class, version):
    """The component of `serializer_class` under `version`, planned once."""
    key = (serializer_class, version)
    if key not in _components:
        made = _components[key] = Component(serializer_class, version)
        fields = serializer_class().fields
        for name, nested in fields.items():
            if isinstance(nested, serializers.BaseSerializer):
                made.nested[name] = plan_nested(made, nested, version)
        made.digest = definition_digest(made, fields)
        # Classes of the same definition (an `{id, name}` lookup made twice) share one component.
        _components[key] = _by_digest.setdefault(made.digest, made)
    return _components[key]


def plan_nested(parent, nested, version):
    many = isinstance(nested, serializers.ListSerializer)
    child = component(type(nested.child if many else nested), version)
    relation = parent.model._meta.get_field(nested.source)
    if not many and relation.concrete and (relation.many_to_one or relation.one_to_one):
        return Nested(child, "object", attname=relation.attname)
    back_column = None
    if relation.concrete:  # a many-to-many field of this model
        back = relation.related_query_name()
    else:  # the other side of a foreign key, one-to-one or many-to-many field
        back = relation.field.name
        if not relation.many_to_many:
            back_column = back
    condition = getattr(nested, "condition", None)
    first = not many or getattr(nested, "first", False)
    return Nested(child, "list", back=back, back_column=back_column, parent_pk=parent.model._meta.pk,
                  condition=condition, first=first,
                  links=Links.of(parent.model, nested.source) if condition is None else None,
                  unsorted=Children.of(parent.model, nested.source) if condition is None else None)


def definition_digest(made, fields):
    parts = [STORE_FORMAT, django.__version__, rest_framework.__version__, made.version, made.model._meta.label]
    parts += [made.name, class_code(made.serializer)]
    for name, item in fields.items():
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


# Which components exist: those of the served resources and everything they nest.


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
            visit(component(resource.serializer_for(mode), resource.version))
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
        names = {
            relation
            for name, plain in item.serializer().fields.items()
            if name not in item.nested
            for relation in getattr(plain, "reads_relations", ())
        }
        for relation in names:
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


def prepare(models):
    """Work out every component and what rows of each of `models` change, as the first write in a process
    otherwise does: the shapes of every serializer, once per process."""
    for model in models:
        readers_of(model), holders_of(model), saving_lookups(model)


def dependents(model, pks, holding):
    """(component, pk) of the fragments, besides their own, that rows `pks` of `model` change: those of
    the rows whose plain fields read them, and those of the rows whose lists hold them by the lookups of
    `holding(model)`."""
    for item, relation in readers_of(model):
        for pk in item.model.objects.filter(**{f"{relation}__in": pks}).values_list("pk", flat=True):
            yield item, str(pk)
    yield from holders(model, pks, holding(model))


def holders(model, pks, lookups):
    """(component, pk) of the rows that hold rows `pks` of `model` in a list, by `lookups`
    ({lookup: [component]})."""
    for lookup, items in lookups.items():
        for parent in model.objects.filter(pk__in=pks).values_list(lookup, flat=True):
            if parent is not None:
                yield from ((item, str(parent)) for item in items)


# Making fragments.


def make_fragments(item, pks):
    """{pk (str): fragment bytes} of the rows of `pks` that exist, in component `item`."""
    fields = item.fields_with_links
    reads = [relation for name, plain in fields.items() if name not in item.nested
             for relation in getattr(plain, "reads_relations", ())]
    queryset = item.model.objects.filter(pk__in=list(pks))
    joins = [name for name in reads if item.model._meta.get_field(name).concrete and
             not item.model._meta.get_field(name).many_to_many]
    prefetches = [name for name in reads if name not in joins]
    queryset = queryset.select_related(*joins).prefetch_related(*prefetches)
    lists = {name: nested.children(pks) for name, nested in item.nested.items() if nested.stored_list}
    renderer = JSONRenderer()
    # Active, the time zone is not looked up again, and missed, for each date a field writes.
    with timezone.override(timezone.get_current_timezone()):
        return {str(instance.pk): fragment(instance, item, fields, lists, renderer) for instance in queryset}


def fragment(instance, item, fields, lists, renderer):
    """The fragment bytes of `instance` in component `item`."""
    data = {}
    for name, plain in fields.items():
        nested = item.nested.get(name)
        if nested is None:
            attribute = plain.get_attribute(instance)
            data[name] = None if attribute is None else plain.to_representation(attribute)
        elif nested.kind == "object":
            pk = getattr(instance, nested.attname)
            data[name] = None if pk is None else f"{HOLE_MARK}o{name}:{pk}"
        elif nested.stored_list:
            data[name] = f"{HOLE_MARK}m{name}:{','.join(lists[name].get(str(instance.pk), []))}"
        else:
            data[name] = f"{HOLE_MARK}l{name}"
    return HOLE.sub(SPLIT + rb"\1" + SPLIT, renderer.render(data))


def stored_row(item, pk, body):
    """The store's row of the fragment `body` of record `pk` in `item`, with the keys its holes name."""
    refs = []
    for kind, name, ref in fragment_parts(body)[1::2]:
        child = item.nested[name].component
        if kind == "o":
            refs.append(child.key(ref))
        elif kind == "m":
            refs += [child.key(row) for row in listed(ref)]
    return Representation(key=item.key(pk), body=body, refs=refs)


def listed(ids):
    """The ids of a stored list's hole (`m`), in order."""
    return ids.split(",") if ids else []


def located(key):
    """(component, pk) of a fragment's key."""
    digest, _, pk = key.partition(":")
    return _by_digest[digest], pk


def fragment_parts(body):
    """A fragment's parts: bytes of JSON, and between them its holes as (kind, field, ids): an object's
    id (`o`), a stored list's ids joined by commas (`m`), nothing for a list read at the time of the
    request (`l`)."""
    parts = bytes(body).split(SPLIT)
    for index in range(1, len(parts), 2):
        hole = parts[index].decode()
        name, _, pk = hole[1:].partition(":")
        parts[index] = (hole[0], name, pk)
    return parts


# Serving.


class Memory:
    """What this process has read and assembled of the store at one data version, up to
    `STORE_MEMORY_MB`, the least recently used first out: assembled and served JSON (records, and
    whole pages), and what `RememberedIds` and `found_before` recall. Each
    request reads and keeps at the data version it read as it began: a request at another version than
    the memory's empties it and moves it to its own, and what a request made at an older version than
    the memory's is not kept."""

    def __init__(self):
        self.lock = threading.Lock()  # a threaded server's requests share it
        self.clear(None)

    def clear(self, version):
        self.version, self.entries, self.size = version, OrderedDict(), 0  # (kind, key) -> (value, size)

    def get(self, version, kind, key):
        with self.lock:
            if version != self.version:
                self.clear(version)
                return None
            entry = self.entries.get((kind, key))
            if entry is None:
                return None
            self.entries.move_to_end((kind, key))
            return entry[0]

    def keep(self, version, kind, key, value, size, budget):
        if size > budget:
            return
        with self.lock:
            if version != self.version:
                return
            if (kind, key) in self.entries:
                self.size -= self.entries.pop((kind, key))[1]
            while self.size + size > budget:
                self.size -= self.entries.popitem(last=False)[1][1]
            self.entries[kind, key] = (value, size)
            self.size += size


memory = Memory()


@dataclass(frozen=True)
class Remembered:
    """The memory as a request at data version `version` reads and fills it, up to `budget` bytes; with
    no memory (`STORE_MEMORY_MB` 0), nothing is kept and nothing found."""

    memory: Memory | None
    version: object
    budget: int = 0

    def get(self, kind, key):
        return None if self.memory is None else self.memory.get(self.version, kind, key)

    def keep(self, kind, key, value, size):
        if self.memory is not None:
            self.memory.keep(self.version, kind, key, value, size, self.budget)


def remembered(version):
    """This process's memory at data version `version`."""
    budget = settings.STORE_MEMORY_MB * 1_000_000
    return Remembered(memory if budget > 0 else None, version, budget)


def reads_clock(expression):
    """Whether `expression` (a queryset's `query`, a condition, any expression) compares with the
    time: it holds `Now()`, in itself or in one of its subqueries. The rows of such a query change
    with the clock alone, without a write."""
    if isinstance(expression, Now):
        return True
    if isinstance(expression, Query):
        parts = [expression.where, *expression.annotations.values()]
    else:
        parts = expression.get_source_expressions()
    return any(hasattr(part, "get_source_expressions") and reads_clock(part) for part in parts)


class RememberedIds:
    """The ids of a list's rows, for the paginator to count and slice: what this process remembers of
    the same list (`key`: the endpoint and the request's filtering, search and ordering) at data version
    `version`, else the answers of the queryset `rows`, then remembered. Only for lists whose rows do
    not depend on the clock."""

    def __init__(self, rows, key, version):
        self.rows, self.key, self.memory = rows, key, remembered(version)

    def count(self):
        return self.recall("count", lambda ids: ids.count())

    def __getitem__(self, window):
        return self.recall((window.start, window.stop), lambda ids: [str(pk) for pk in ids[window]])

    def recall(self, part, answer):
        value = self.memory.get("ids", (self.key, part))
        if value is None:
            value = answer(self.rows.values_list("pk", flat=True))
            size = 64 + (sum(len(pk) + 56 for pk in value) if isinstance(value, list) else 0)
            self.memory.keep("ids", (self.key, part), value, size)
        return value


class DataMoved(Exception):
    """A fragment names a row that is gone: a write committed while the answer was read."""


class Assembly:
    """The JSON of some records in one component, from the store (made where it misses), at the data
    version `version` read when the request began."""

    def __init__(self, version):
        self.version = version
        self.memory = remembered(version)
        self.bodies = {}  # (component, pk) -> fragment, read or made
        self.lists = {}  # (component, field, pk) -> [child pk] of the lists read at the time of the request
        self.built = {}  # (component, pk) -> JSON bytes, what this request has assembled or found ready

    def load(self, root, pks):
        """Read the fragments that the JSON of records `pks` of `root` needs: in one query where the
        store holds them all and no list depends on the time; then, for what it misses, made on the
        spot and written for the next request, and for the lists read at the time of the request, one
        more query for what they name."""
        wanted = set()
        for pk in pks:
            if (built := self.ready(root, pk)) is not None:
                self.built[root, pk] = built
            else:
                wanted.add((root, pk))
        while wanted:
            arrived, missing = [], defaultdict(list)
            for key, body in fetch_tree([item.key(pk) for item, pk in wanted]).items():
                item, pk = located(key)
                if (item, pk) in self.bodies:
                    continue
                if body is None:
                    missing[item].append(pk)
                else:
                    self.bodies[item, pk] = body
                    arrived.append((item, pk))
            made = []
            for item, pks in missing.items():
                for pk, body in make_fragments(item, pks).items():
                    self.bodies[item, pk] = body
                    arrived.append((item, pk))
                    made.append(stored_row(item, pk, body))
            if made:
                write_fill(made, self.version)
            named = [located(ref) for row in made for ref in row.refs] + self.read_lists(arrived)
            wanted = {item_pk for item_pk in named if item_pk not in self.bodies}

    def ready(self, item, pk):
        """The JSON of record `pk` in `item` if this process assembled it at this data version."""
        return None if item.time_relative else self.memory.get("built", (item, pk))

    def read_lists(self, arrived):
        """Read the lists of the rows `arrived` that match a condition on the time, one query per
        list field; returns the (component, pk) of their rows."""
        parents = defaultdict(list)
        for item, pk in arrived:
            for name, nested in item.nested.items():
                if nested.kind == "list" and not nested.stored_list:
                    parents[item, name].append(pk)
        named = []
        for (item, name), pks in parents.items():
            nested = item.nested[name]
            children = nested.children(pks)
            for pk in pks:
                self.lists[item, name, pk] = rows = children.get(pk, [])
                named += [(nested.component, row) for row in rows]
        return named

    def json_with_links(self, item, pk, origin):
        """The JSON of record `pk` in `item` with `origin` in its links, as a response shows it."""
        key = (item, pk, origin.key)
        linked = None if item.time_relative else self.memory.get("with links", key)
        if linked is None:
            linked = origin.apply(self.json(item, pk))
            if not item.time_relative:
                self.memory.keep("with links", key, linked, len(linked))
        return linked

    def json(self, item, pk):
        """The JSON of record `pk` in `item`, its holes filled."""
        key = (item, pk)
        built = self.built.get(key)
        if built is not None:
            return built
        built = self.ready(item, pk)
        if built is None:
            body = self.bodies.get(key)
            if body is None:
                raise DataMoved(item.key(pk))
            built = self.filled(item, pk, body) if item.nested else body
            if not item.time_relative:
                self.memory.keep("built", key, built, len(built))
        self.built[key] = built
        return built

    def filled(self, item, pk, body):
        parts = fragment_parts(body)
        for index in range(1, len(parts), 2):
            kind, name, ref = parts[index]
            nested = item.nested[name]
            if kind == "o":
                parts[index] = self.json(nested.component, ref)
                continue
            if kind == "m":
                rows = listed(ref)
            else:
                rows = self.lists[item, name, pk]
            if nested.first:
                parts[index] = self.json(nested.component, rows[0]) if rows else b"null"
            else:
                parts[index] = b"[" + b",".join([self.json(nested.component, row) for row in rows]) + b"]"
        return b"".join(parts)


def fetch_tree(keys):
    """{key: body, or None where the store does not hold it} of the fragments of `keys`, of the
    fragments that they name, of those that these name, and so on: one recursive query whatever their
    number (through the cursor: the ORM's rows would double its cost). Each fragment is looked up by its
    key in a subquery: as a join, PostgreSQL plans a scan of the whole store."""
    meta, quote = Representation._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    key, body, refs = (quote(meta.get_field(name).column) for name in ("key", "body", "refs"))
    among, params = one_parameter(meta.pk, keys)
    elements = "jsonb_array_elements_text" if connection.vendor == "postgresql" else "json_each"
    refs_of = f"(SELECT {refs} FROM {table} WHERE {key} = wanted.fragment)"
    body_of = f"(SELECT {body} FROM {table} WHERE {key} = wanted.fragment)"
    query = (
        f"WITH RECURSIVE wanted(fragment) AS ({among} UNION "
        f"SELECT named.value FROM wanted, {elements}({refs_of}) AS named) "
        f"SELECT wanted.fragment, {body_of} FROM wanted"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return {key: None if body is None else bytes(body) for key, body in cursor.fetchall()}


def one_parameter(field, values):
    """(SQL, params): a subquery of `values` of `field` in one parameter (an array on PostgreSQL, a
    JSON array on SQLite), for an `IN`: a list of thousands of ids is neither prepared value by value
    by the ORM nor sent as thousands of parameters."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"SELECT unnest(%s::{field.rel_db_type(connection)}[])", [values]
    if values and str(field.get_db_prep_value(values[0], connection)) != str(values[0]):
        values = [field.get_db_prep_value(value, connection) for value in values]  # a UUID's 32 hex digits
    return "SELECT value FROM json_each(%s)", [json.dumps(values)]


class Reads:
    """A database execute wrapper that counts the queries run within it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def read_consistently(version, make, *args):
    """`make(*args)`, an answer read at data version `version`, if it holds one state of the data: it
    ran no query (all of it from this process's memory of that version, and `confirmed`), or the data
    version is still `version` after its queries (every write moves it on, in the write's own
    transaction, so no write committed while they ran). None if a write came in between: then its
    queries may have seen some rows before the write and some after."""
    reads = Reads()
    try:
        with connection.execute_wrapper(reads):
            made = make(*args)
    except DataMoved:
        return None
    if reads.count and data_version() != version:
        return None
    return made if confirmed(version) else None


def data_version():
    """The data version: one query."""
    with connection.cursor() as cursor:
        return read_data_version(cursor)


def check_version_ahead():
    """On PostgreSQL, send the request's health check, which reads the data version, without waiting
    for its answer (lldapi/postgresql): the server answers while the request is worked on."""
    send = getattr(connection, "send_version_check", None)
    if send is not None:
        send()


def version_check_in_flight():
    in_flight = getattr(connection, "version_check_in_flight", None)
    return in_flight is not None and in_flight()


def starting_version():
    """The data version as a stored answer begins. On PostgreSQL, the health check of a reused
    connection, which Django runs as a request opens its first cursor, has read it already
    (lldapi/postgresql); it is taken once, so that an answer read again reads it anew. While that
    check, sent ahead (`check_version_ahead`), is on its way, the version this process's memory holds:
    an answer made from that memory alone is compared with the check's before it goes out (`confirmed`),
    one that reads the database receives the check as it begins to."""
    if version_check_in_flight() and settings.STORE_MEMORY_MB > 0 and memory.version is not None:
        return memory.version
    with connection.cursor() as cursor:
        take = getattr(connection, "take_checked_version", None)
        version = take() if take else None
        return read_data_version(cursor) if version is None else version


def confirmed(version):
    """Whether `version`, at which an answer was made, is the data version as the answer goes out: where
    the request's health check is still on its way (`starting_version` took the version of this
    process's memory), its answer, received now; else the answer's version was read by a query of this
    request, and this is true."""
    if not version_check_in_flight():
        return True
    connection.close_if_health_check_failed()  # Django's health check, which receives the answer
    return connection.take_checked_version() == version


def read_data_version(cursor):
    cursor.execute(data_version_query())
    row = cursor.fetchone()
    return row[0] if row else 0


@cache
def data_version_query():
    meta, quote = DataVersion._meta, connection.ops.quote_name
    column, pk = quote(meta.get_field("value").column), quote(meta.pk.column)
    return f"SELECT {column} FROM {quote(meta.db_table)} ORDER BY {pk} LIMIT 1"


def found_before(key):
    """The data version, if this process found the object of `key` (a request's `remembered_as` and
    the object's id) by the endpoint's own query at that version: no row has come or gone since. Else
    None. One query; none when the memory is off."""
    if settings.STORE_MEMORY_MB <= 0:
        return None
    version = starting_version()
    return version if remembered(version).get("found", key) is not None else None


def remember_found(key, version):
    remembered(version).keep("found", key, True, 128)


def with_data_version(queryset, *fields):
    """The `values_list` of `fields` of `queryset`, with the data version as a last column."""
    version = Subquery(DataVersion.objects.values("value")[:1])
    return queryset.annotate(data_version=version).values_list(*fields, "data_version")


def write_fill(made, version):
    """Store fragments made for a read, unless the data moved on since the read began (they could be
    older than what a write just forgot) or the database is busy: a fill never holds a read up."""
    try:
        with no_waiting(), transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '100ms'")
            if data_version_locked() != version:
                return
            Representation.objects.bulk_create(made, ignore_conflicts=True, batch_size=BATCH)
    except DatabaseError as error:
        log.info("stored representations not filled, the database is busy: %s", error)


def data_version_locked():
    """The data version, read so that no write can move it on before this transaction ends."""
    queryset = DataVersion.objects.all()
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update()
    return queryset.values_list("value", flat=True).first() or 0


class no_waiting:
    """SQLite gives up at once, rather than wait, where another connection writes (PostgreSQL's
    `lock_timeout` is set within the transaction)."""

    def __enter__(self):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout")
                self.timeout = cursor.fetchone()[0]
                cursor.execute("PRAGMA busy_timeout = 0")

    def __exit__(self, *exc):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(self.timeout)}")


class Origin:
    """A request's origin (and `?format=`, which DRF's links keep), to put in the self links of stored JSON."""

    def __init__(self, request):
        from rest_framework.reverse import preserve_builtin_query_params

        self.origin = request.build_absolute_uri("/")[:-1].encode()
        self.suffix = preserve_builtin_query_params("", request).encode()
        self.key = (self.origin, self.suffix)

    def apply(self, body):
        if not self.suffix:
            return body.replace(LINK, b'"' + self.origin + b"/")
        template = b'"' + self.origin.replace(b"\\", b"\\\\") + rb"\1" + self.suffix.replace(b"\\", b"\\\\") + b'"'
        return LINK_PATH.sub(template, body)


# Forgetting what writes change.


# {model: pks} of the rows saved inside `rebuilt_together()` on this thread, None outside it.
saved_together = threading.local()


@contextmanager
def rebuilt_together():
    """Forget the fragments that the rows saved in the block change, once, as it ends, and make them again
    (an import's page): a query per kind of row, not several per save. Yields the `Built` it fills then.
    Deletions and moves out of a list are still forgotten at once."""
    built = Built()
    if getattr(saved_together, "rows", None) is not None:
        yield built
        return
    saved_together.rows = defaultdict(set)
    try:
        yield built
        rows = saved_together.rows
    finally:
        saved_together.rows = None
    if not any(rows.values()):
        return
    if not settings.REPRESENTATION_STORE:
        forget_everything()
        return
    work = changed_by(rows, saving_lookups)
    forget_keys([item.key(pk) for item, pks in work.items() for pk in pks])
    built.add(build(work.items(), forgotten=True))


def changed_by(rows, holding):
    """{component: pks} of the fragments that rows, {model: pks}, change: their own in every shape, and
    those of the rows that read or hold them (`dependents`, by `holding`)."""
    work = defaultdict(set)
    for model, pks in rows.items():
        pks = {str(pk) for pk in pks}
        for item in components_of(model):
            work[item] |= pks
        for item, pk in dependents(model, pks, holding):
            work[item].add(pk)
    return work


def forget(model, pks, holding=holders_of):
    """Forget the fragments that rows `pks` of `model` change, and move the data version on: by default
    those of every list that holds them (rows that go); `holding` names the lists a write can change.
    With the store off (`REPRESENTATION_STORE`), a write forgets every fragment, which finds none but the
    first time: no work goes into what is not served, and nothing stale is left for when it is on again."""
    pks = [str(pk) for pk in pks]
    if pks and not settings.REPRESENTATION_STORE:
        forget_everything()
    elif pks:
        forget_keys([item.key(pk) for item, pks in changed_by({model: pks}, holding).items() for pk in pks])


def forget_keys(keys):
    """Move the data version on and forget the fragments of `keys`."""
    move_version()
    for start in range(0, len(keys), BATCH):
        Representation.objects.filter(key__in=keys[start : start + BATCH]).delete()


def forget_everything():
    move_version()
    Representation.objects.all().delete()


def move_version():
    # Before the fragments are forgotten: a fill holding the version row makes this wait (see write_fill).
    # A new random value rather than the next number: a write rolled back and another made after it
    # must not come back to a version that a reader has seen.
    DataVersion.objects.filter(pk=1).update(value=secrets.randbits(62))


# Building ahead of reads.


@dataclass
class Built:
    records: int = 0
    written: int = 0
    bytes: int = 0

    def add(self, other):
        self.records, self.written, self.bytes = (
            self.records + other.records, self.written + other.written, self.bytes + other.bytes)


def build(work, progress=None, forgotten=False):
    """Make the fragments of each `(component, pks)` of `work` (pks None: every row) and write those
    that are missing or differ (all, if they were `forgotten` in this transaction); returns a `Built`."""
    built = Built()
    for item, pks in work:
        if pks is None:
            pks = [str(pk) for pk in item.model.objects.values_list("pk", flat=True)]
        pks = sorted(str(pk) for pk in pks)
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            made = make_fragments(item, chunk)
            stored = {} if forgotten else dict(
                Representation.objects.filter(key__in=[item.key(pk) for pk in made]).values_list("key", "body"))
            changed = [
                stored_row(item, pk, body) for pk, body in made.items() if bytes(stored.get(item.key(pk), b"")) != body
            ]
            replaced = [row.key for row in changed if row.key in stored]
            # Each chunk whole; inside a transaction (an import's), that transaction keeps it whole.
            with transaction.atomic(savepoint=False):
                if replaced:
                    Representation.objects.filter(key__in=replaced).delete()
                insert_fragments(changed)
            built.records += len(made)
            built.written += len(changed)
            built.bytes += sum(len(body) for body in made.values())
            if progress:
                progress(item, len(chunk))
    return built


def insert_fragments(rows):
    """Insert the store's `rows`: by COPY on PostgreSQL, where an INSERT, whose every value psycopg quotes
    into its text, costs four times as much (a page of launches' 8,317 fragments: 0.37 s, by COPY 0.10 s)."""
    if connection.vendor != "postgresql":
        Representation.objects.bulk_create(rows, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Representation._meta.get_field(name).column) for name in ("key", "body", "refs"))
    statement = f"COPY {quote(Representation._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((row.key, row.body, json.dumps(row.refs)))


def purge_other_versions():
    """Delete the fragments of digests that no component has any more (shapes a deploy changed)."""
    digests = {item.digest for item in all_components()}
    keys = Representation.objects.values_list("key", flat=True)
    stale = [key for key in keys if key.partition(":")[0] not in digests]
    for start in range(0, len(stale), BATCH):
        Representation.objects.filter(key__in=stale[start : start + BATCH]).delete()
    return len(stale)


# Every write of a record goes through these (the importer's saves and deletions, the sync's removals).


def forget_before_save(sender, instance, update_fields=None, **kwargs):
    if not instance._state.adding:
        moving_rows(sender, [instance.pk], update_fields)


def moving_rows(model, pks, fields=None):
    """Before rows `pks` of `model` are updated in `fields` (names or attnames; None: any): forget the
    lists that hold them by a foreign key of their own, which the update may move them out of (after
    it, `forget_saved` forgets the lists that hold them then)."""
    if not pks or not settings.REPRESENTATION_STORE:
        return
    lookups = {
        lookup: items
        for lookup, items in moving_lookups(model).items()
        if fields is None or {lookup, model._meta.get_field(lookup).attname} & set(fields)
    }
    if lookups:
        forget_keys([item.key(pk) for item, pk in holders(model, pks, lookups)])


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


def forget_after_save(sender, instance, raw=False, **kwargs):
    forget_saved(sender, [instance.pk])


def forget_saved(model, pks):
    """`forget` rows that exist after a write (`saving_lookups`), at the end of `rebuilt_together()` if
    inside it."""
    together = getattr(saved_together, "rows", None)
    if together is None:
        forget(model, pks, saving_lookups)
    else:
        together[model].update(str(pk) for pk in pks)


def forget_before_delete(sender, instance, **kwargs):
    """Before a row goes: the rows that hold it as a nested object, whose links to it are nulled or
    deleted without a save of their own."""
    if not settings.REPRESENTATION_STORE:
        forget_everything()
        return
    for relation in sender._meta.related_objects:
        if not relation.many_to_many:
            holding = relation.related_model.objects.filter(**{relation.field.name: instance.pk})
            forget(relation.related_model, holding.values_list("pk", flat=True))
    forget(sender, [instance.pk])


def forget_relinked(sender, instance, action, model, pk_set, **kwargs):
    if action.startswith("post_") and isinstance(instance, Record):
        forget_saved(type(instance), [instance.pk])
        forget_saved(model, pk_set or [])


def connect(resources, models_of_records):
    """Store the answers of `resources`, and forget what each write of `models_of_records` changes."""
    stored_resources[:] = resources
    for model in models_of_records:
        signals.pre_save.connect(forget_before_save, sender=model)
        signals.post_save.connect(forget_after_save, sender=model)
        signals.pre_delete.connect(forget_before_delete, sender=model)
    signals.m2m_changed.connect(forget_relinked)
