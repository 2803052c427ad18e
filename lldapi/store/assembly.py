"""Assembling the JSON of records from their fragments: read in one recursive query, made where the
store misses them, and written back (a fill) unless the data moved on."""

import logging
from collections import defaultdict

from django.db import DatabaseError, connection, transaction

from lldapi.models import Representation

from .build import BATCH
from .components import located
from .fragments import fragment_parts, listed, make_fragments, stored_row
from .memory import remembered
from .queries import one_parameter
from .versions import DataMoved, data_version_locked

log = logging.getLogger(__name__)

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
            for item, bodies in make_fragments(missing).items():
                for pk, body in bodies.items():
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
