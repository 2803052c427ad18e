"""Import of LL2 response pages, driven by the serializers that produce those same pages.

A page's records are matched to our endpoints through their own `url` (path only), or for records
that have none (celestial bodies, config lookups) the page's `next`/`previous` link, and their
`response_mode`; from there each nested object's kind is known from the serializer field it sits
in, never guessed from its keys (`type` id 1 is an agency type in one place and a celestial body
type in another). Only the keys present are written, so a launch seen as `{id, url, name}` keeps
the `net` that a fuller page stored. Only what differs from the stored row is written: importing a
page again issues no INSERT, UPDATE or DELETE.

A page is checked as it is written, value by value, by the fields that know each value: it must have
the JSON type its serializer field writes, parse as that field reads it and fit the column of its
model field (see `read_value`). The first problem rejects the whole file, inside its transaction; a sync
sets the record aside instead, and the rest of its page lands.
"""

import dataclasses
import gc
import json
import marshal
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import OperationalError, connection, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from lldapi import changelog, store
from lldapi.api.registry import registry
from lldapi.api.serializers import selected_lists
from lldapi.api.shapes import CONSTANT, ID, LINK, LIST, OBJECT, VALUE, shape_of
from lldapi.models import Change
from lldapi.records import Children, Links
from lldapi.tables import reset_sequences


class PageError(Exception):
    """A page that cannot be imported, with the file and the JSON path of the problem (none when the
    database, not the page, refused it)."""

    def __init__(self, file, path, message):
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")


class Problem(Exception):
    def __init__(self, path, message):
        super().__init__(message)
        self.path = path


@dataclass
class SetAside:
    """A record of a page that could not be stored: its index in the page, and the problem's JSON path."""

    index: int
    path: str
    reason: str


def read_page(file):
    """The JSON body of a page file: plain JSON, or a browsable-API dump with text before the body."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as error:
        raise PageError(file, "$", f"cannot be read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise PageError(file, "$", f"not UTF-8: {error.reason} at byte {error.start}") from None
    return parse_page(text, file)


def parse_page(text, source):
    """The JSON body of a page's text, `source` naming the page in errors."""
    body = re.search(r"^\{", text, re.MULTILINE)
    if body is None:
        raise PageError(source, "$", "no JSON object found")
    try:
        return json.loads(text[body.start() :])
    except RecursionError:
        raise PageError(source, "$", "the JSON body is nested too deeply") from None
    # A JSONDecodeError, or an integer of more digits than Python converts.
    except ValueError as error:
        raise PageError(source, "$", f"the JSON body does not parse: {error}") from None


@contextmanager
def collection_paused():
    """Python's cycle collector paused for a block: a page's objects, hundreds of thousands, would make it
    go through the whole heap several times a page (a quarter of an unchanged page's time); the cycles
    the block leaves are collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


IMPORT_LOCK = 0x4C4C32  # "LL2": the key of the PostgreSQL advisory lock that imports take turns with


def take_turn():
    """Wait until no other import is writing a file, as SQLite's single writer makes imports do (see
    the settings): two imports creating the same row at once would otherwise collide on PostgreSQL.
    The lock ends with the file's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def page_records(page):
    if not isinstance(page, dict):
        raise Problem("$", "expected a JSON object (a page with `results`, or one object)")
    if "results" not in page:
        return [("$", page)]
    if not isinstance(page["results"], list):
        raise Problem("$.results", "expected a list")
    return [(f"$.results[{index}]", record) for index, record in enumerate(page["results"])]


def object_lists(page, resource):
    """[(list field, path, records)] of one object of lists (a dashboard): each `Selected` list it
    gives, however deep, in the mode it says."""
    if not isinstance(page, dict):
        raise Problem("$", f"expected a JSON object ({resource.url})")
    mode = page.get("response_mode", resource.list_mode)
    if not isinstance(mode, str) or mode not in resource.modes:
        raise Problem("$.response_mode", f"unknown mode {shown(mode)} for {resource.url}")
    found = []
    for keys, field in selected_lists(resource.serializer_for(mode)()):
        value, at = page, "$"
        for key in keys:
            if value is None:  # an object not given: nothing said of its lists
                break
            if not isinstance(value, dict):
                raise Problem(at, f"expected an object, not {json_type(value)}")
            value, at = value.get(key), f"{at}.{key}"
        if value is None:
            continue
        if not isinstance(value, list):
            raise Problem(at, "expected a list")
        found.append((field, at, value))
    return found


def resolve_resource(link):
    """The served resource that `link` (an absolute URL or a path) names, and whether it names one object."""
    try:
        return registry.resource_at(urlsplit(link).path)
    except ValueError:  # not a URL (an unclosed IPv6 address)
        return None, False


def listed_resource(page):
    """The endpoint that a page lists, as its paging links name it (None if they do not)."""
    for key in ("next", "previous"):
        if isinstance(page.get(key), str):
            resource, single = resolve_resource(page[key])
            if resource is not None and not single:
                return resource
    return None


def record_serializer(record, path, listed=None):
    """The serializer class of the endpoint and mode that produced `record`.

    A record names its endpoint by its own `url`; records whose shape has none (celestial bodies,
    families, the config lookups) by the paging links of the page that lists them (`listed`).
    """
    if not isinstance(record, dict):
        raise Problem(path, "expected an object with a `url` naming its endpoint")
    if isinstance(record.get("url"), str):
        resource, single = resolve_resource(record["url"])
        if resource is None or not single:
            raise Problem(
                f"{path}.url", f"{shown(record['url'])} is not an object of an endpoint that this server answers"
            )
    elif listed is not None:
        resource = listed
    else:
        raise Problem(path, "expected an object with a `url` naming its endpoint, or a page whose links name it")
    mode = record.get("response_mode", resource.list_mode)
    if resource.modes and (not isinstance(mode, str) or mode not in resource.modes):
        raise Problem(f"{path}.response_mode", f"unknown mode {shown(mode)} for {resource.url}")
    return resource.serializer_for(mode)


# What an import does to a row; the change log names the changes alike.
CREATED, UPDATED, DELETED, UNCHANGED = Change.CREATED, Change.UPDATED, Change.REMOVED, "unchanged"

class Changes:
    """What imports did to one model's rows: the ids of those created, updated (a column, its links, its
    id-less children or their order) and unchanged, each in one set; created wins over updated."""

    def __init__(self):
        self.created, self.updated, self.unchanged = set(), set(), set()

    def add(self, pk, outcome):
        if pk in self.created or (outcome == UNCHANGED and pk in self.updated):
            return
        self.discard(pk)
        getattr(self, outcome).add(pk)

    def discard(self, pk):
        for pks in (self.created, self.updated, self.unchanged):
            pks.discard(pk)


@dataclass
class Draft:
    """What records ask of the database, gathered before anything is written: a record's own draft
    joins its page's once the whole record has been read, so that a record set aside leaves nothing."""

    # {(model, pk): {attname: value}} of every object met, in the order met; an object's later values win.
    values: dict = dataclasses.field(default_factory=dict)
    # {(links, owner model, owner pk): [item pks]} of many-to-many lists.
    links: dict = dataclasses.field(default_factory=dict)
    # {(children, owner model, owner pk): [child pks]} of lists of children whose order is kept.
    orders: dict = dataclasses.field(default_factory=dict)
    # {(relation, parent pk): [{attname: value}]} of lists of id-less children.
    idless: dict = dataclasses.field(default_factory=dict)
    # {(one-to-one field, pk of the row pointed at): pk of the row that points at it}.
    pointing: dict = dataclasses.field(default_factory=dict)
    # {(model, pk): Written} of each object's last write.
    shapes: dict = dataclasses.field(default_factory=dict)

    def join(self, other):
        for key, values in other.values.items():
            self.values.setdefault(key, {}).update(values)
        for name in ("links", "orders", "idless", "pointing", "shapes"):
            getattr(self, name).update(getattr(other, name))


class Importer:
    """Imports LL2 pages, each in one transaction with the store brought up to date: read into a `Draft`,
    then written by kinds of row in bulk, so that a page's queries grow with its kinds, not its records.
    `changes` maps each model to the `Changes` of its rows."""

    def __init__(self, skip_unknown_keys=False, set_aside_records=False):
        """`skip_unknown_keys`: store an object without the keys its shape does not have, counting them
        in `unknown_keys`, rather than reject its file (a sync: LL2 adds fields within a version).
        `set_aside_records`: a record that cannot be stored is left out, with nothing of it written, and
        listed in `set_aside`, rather than reject its page (a sync: a mirror cannot fix LL2)."""
        self.skip_unknown_keys, self.set_aside_records = skip_unknown_keys, set_aside_records
        # The records of the current page that were set aside.
        self.set_aside = []
        # {"Shape.key": [times seen, the first page's source]} of the keys skipped in the pages imported,
        # and in the current page (they join once it has committed).
        self.unknown_keys, self.page_unknown_keys = {}, {}
        self.source = None
        self.changes = defaultdict(Changes)
        # The stored representations the imports made again, and how many of them differed.
        self.rebuilt = store.Built()
        # What the current file did, as (model, pk, outcome) in order: it joins `changes` once the
        # file's transaction has committed.
        self.journal = []
        # {serializer class: serializer} of the records' shapes, whose fields are worked out once, and each
        # serializer's `roles`.
        self.serializers, self.field_roles = {}, {}

    def import_file(self, file):
        """Import one page file in one transaction; returns the number of records."""
        with collection_paused():
            return self.import_page(read_page(file), file)

    def import_page(self, page, source, resource=None):
        """Import one page's body in one transaction (a savepoint inside the caller's); returns the
        number of records. `resource` is the endpoint that listed the page, for records without a
        `url`, when the page's own links do not name it; `source` names the page in errors."""
        self.journal, self.page_unknown_keys, self.source, self.set_aside = [], {}, source, []
        # {(model, pk): {field: [old, new]}} of what the current page changed, for the change log.
        self.page_fields = defaultdict(dict)
        # {(serializer class, field name, type, value): parsed} of the current page: a related field (a
        # first stage's type by its name) may add a row, which the page's transaction holds.
        self.parsed = {}
        try:
            # Active, the time zone is not looked up again, and missed, for each date a field reads.
            with transaction.atomic(), timezone.override(timezone.get_current_timezone()), collection_paused():
                take_turn()
                listed = resource or (listed_resource(page) if isinstance(page, dict) else None)
                draft, owned = Draft(), []
                if listed is not None and listed.subject is not None:
                    records = self.read_object(page, listed, draft, owned)
                else:
                    records = self.read_page(page, listed, draft)
                with store.rebuilt_together() as rebuilt:
                    self.write(draft, read_rows(draft.values))
                    self.remove_unlisted(owned)
                changelog.write(self.journal, self.page_fields, str(source))
                reset_sequences({model for model, _, outcome in self.journal if outcome == CREATED})
        except Problem as problem:
            raise PageError(source, problem.path, problem) from None
        except OperationalError as error:
            # SQLite's "database is locked": another import kept writing past the busy timeout.
            raise PageError(source, None, f"not imported, the database refused it: {error}") from None
        for key, (times, first) in self.page_unknown_keys.items():
            self.unknown_keys.setdefault(key, [0, first])[0] += times
        self.rebuilt.add(rebuilt)
        for model, pk, outcome in self.journal:
            if outcome == DELETED:
                self.changes[model].discard(pk)
            else:
                self.changes[model].add(pk, outcome)
        return len(records)

    def read_page(self, page, listed, draft):
        """Read a page's records (or one record) into `draft`; returns them."""
        records = page_records(page)
        serialized = {}
        for index, (path, record) in enumerate(records):
            try:
                serialized[index] = (self.serializer_of(record, path, listed), record, path)
            except Problem as problem:
                self.set_aside_record(index, problem)
        for index, (serializer, record, path) in serialized.items():
            self.read_record(index, serializer, record, path, draft)
        return records

    def read_object(self, page, resource, draft, owned):
        """Read one object of lists (a dashboard) into `draft`, each record in the shape of its list, those
        of an owner's lists made the owner's; adds to `owned` the (foreign key, owner, listed ids) of
        each such list of records with ids. It is one object: a problem rejects it whole. Returns its
        records."""
        subject, records = resource.subject(), []
        for field, path, values in object_lists(page, resource):
            serializer = self.serializers.setdefault(type(field.child), type(field.child)())
            if field.owner is None:
                records += [self.take(serializer, value, f"{path}[{index}]", draft, draft)
                            for index, value in enumerate(values)]
                continue
            owner = getattr(subject, field.owner)
            if owner is None and values:
                raise Problem(path, f"its {field.owner} is not stored here: import it first")
            if owner is None:
                continue
            column = serializer.Meta.model._meta.get_field(field.owner)
            if "id" not in serializer.fields:  # listed without ids: the list replaces the owner's
                records += self.take_idless(serializer, column.remote_field, owner.pk, values, path, draft, draft)
                continue
            pks = [self.take(serializer, value, f"{path}[{index}]", draft, draft) for index, value in enumerate(values)]
            for pk in pks:
                draft.values.setdefault((column.model, pk), {})[column.attname] = owner.pk
            owned.append((column, owner.pk, pks))
            records += pks
        return records

    def remove_unlisted(self, owned):
        """Delete the rows of each owner's list that it no longer lists, journalled."""
        for column, owner, pks in owned:
            gone = column.model.objects.filter(**{column.attname: owner}).exclude(pk__in=pks)
            self.journal += [(column.model, pk, DELETED) for pk in gone.values_list("pk", flat=True)]
            gone.delete()

    def serializer_of(self, record, path, listed):
        """An instance of `record_serializer`, one per shape: its fields are worked out once."""
        serializer_class = record_serializer(record, path, listed)
        if serializer_class not in self.serializers:
            self.serializers[serializer_class] = serializer_class()
        serializer = self.serializers[serializer_class]
        if "url" in serializer.fields and "url" not in record:
            raise Problem(path, "expected an object with a `url` naming its endpoint")
        return serializer

    def set_aside_record(self, index, problem):
        """Set record `index` of the page aside for `problem`, if records are set aside; else reject the page."""
        if not self.set_aside_records:
            raise problem
        self.set_aside.append(SetAside(index, problem.path, str(problem)))

    def read_record(self, index, serializer, record, path, draft):
        """Read record `index` of the page into the page's `draft`; if records are set aside, one with a
        problem leaves nothing in it, not even the keys it had that are unknown here."""
        own, unknown = Draft(), {key: list(seen) for key, seen in self.page_unknown_keys.items()}
        try:
            self.take(serializer, record, path, own, draft)
        except Problem as problem:
            self.page_unknown_keys = unknown
            self.set_aside_record(index, problem)
            return
        draft.join(own)

    # Reading a page into a draft.

    def take(self, serializer, data, path, draft, page):
        """Draft the keys of `data` that `serializer` declares onto the object with that id (`page` is
        the draft of the records before); returns its id."""
        data = self.known_keys(serializer, data, path)
        model, pk = serializer.Meta.model, self.primary_key(serializer, data, path)
        last = draft.shapes.get((model, pk)) or page.shapes.get((model, pk))
        if last is not None and last.serializer is type(serializer) and last.same(data):
            return pk
        values = draft.values.setdefault((model, pk), {})
        lists = self.take_values(serializer, data, path, model, values, draft, page)
        roles = self.roles(serializer)
        for name, value, list_path in lists:
            self.take_list(model, pk, roles[name][1], value, list_path, draft, page)
        draft.shapes[model, pk] = Written(type(serializer), data)
        return pk

    def take_values(self, serializer, data, path, model, values, draft, page):
        """Set in `values` the columns that `data` gives, drafting the objects it nests; returns the lists
        it gives, as (name, value, path), which need the object's id."""
        lists, roles = [], self.roles(serializer)
        for name, value in data.items():
            role, field, column, validators = roles[name]
            if role is VALUE:
                if value is None:
                    values[column.attname] = None
                    continue
                try:
                    parsed = self.read_value(field, validators, value, None)
                except Problem as problem:
                    raise Problem(f"{path}.{name}", problem) from None
                # A related field (a first stage's type by its name) reads the related row.
                values[column.attname] = parsed.pk if isinstance(parsed, models.Model) else parsed
            elif role is OBJECT:
                related = None if value is None else self.take(field, value, f"{path}.{name}", draft, page)
                values[column.attname] = related
            elif role is LIST:
                lists.append((name, value, f"{path}.{name}"))
            elif role is LINK:
                # Not stored: the object's own link, which the server builds.
                if not isinstance(value, str):
                    raise Problem(f"{path}.{name}", f"expected a string, not {json_type(value)}")
            elif role is CONSTANT and value != field.value:
                raise Problem(f"{path}.{name}", f"expected {field.value!r} for {type(serializer).__name__}")
        return lists

    def roles(self, serializer):
        """{name: (role, field, model field, validators)} of the fields of `serializer`, from its shape,
        with the validators (`value_validators`) of its id and values; worked out once per class."""
        cls = type(serializer)
        if cls not in self.field_roles:
            roles = {}
            for name, part in shape_of(cls).parts.items():
                column = part.relation if part.role in (ID, VALUE, OBJECT) else None
                validators = value_validators(part.field, column) if part.role in (ID, VALUE) else None
                roles[name] = (part.role, part.field, column, validators)
            self.field_roles[cls] = roles
        return self.field_roles[cls]

    def take_list(self, model, pk, field, values, path, draft, page):
        """Draft a list of the object `pk` of `model`: its many-to-many links, its children or its id-less
        children, or the object that points at it."""
        if not isinstance(field, serializers.ListSerializer):
            return self.take_pointing_object(model, pk, field, values, path, draft, page)
        if getattr(field, "first", False):  # one row of a filtered relation (`Where`), or null
            values = [] if values is None else [values]
        if not isinstance(values, list):
            raise Problem(path, "expected a list")
        relation = model._meta.get_field(field.source)
        items = [(f"{path}[{index}]", value) for index, value in enumerate(values)]
        links = Links.of(model, field.source)
        if links:  # either side of a many-to-many relation
            draft.links[links, model, pk] = list(dict.fromkeys(
                self.take(field.child, value, item_path, draft, page) for item_path, value in items))
        elif "id" in field.child.fields:
            # Children that point at their parent (an image's variants, a flight's docking events): the
            # page's children are moved to it, others the parent already had are kept. The order of the
            # list is kept if LL2 does not sort them and the field lists them all (`Children`).
            children = [self.take(field.child, value, item_path, draft, page) for item_path, value in items]
            for child in children:
                # Met before in the same JSON, a child is not drafted again: it has no values here yet.
                draft.values.setdefault((field.child.Meta.model, child), {})[relation.field.attname] = pk
            unsorted = Children.of(model, field.source) if getattr(field, "condition", None) is None else None
            if unsorted is not None:
                draft.orders[unsorted, model, pk] = children
        else:
            self.take_idless(field.child, relation, pk, values, path, draft, page)

    def take_idless(self, serializer, relation, pk, values, path, draft, page):
        """Draft a list of children that LL2 publishes without ids (a mission's info and video URLs), of
        object `pk` through `relation`: matched as a whole, the list replaces the stored one if they
        differ. Such children are flat: they have no lists. Returns their rows."""
        rows = []
        for index, value in enumerate(values):
            item_path = f"{path}[{index}]"
            value = self.known_keys(serializer, value, item_path)
            row = {relation.field.attname: pk}
            self.take_values(serializer, value, item_path, relation.related_model, row, draft, page)
            rows.append(row)
        draft.idless[relation, pk] = rows
        return rows

    def take_pointing_object(self, model, pk, field, value, path, draft, page):
        """Draft the object that points at object `pk` through a one-to-one relation (a landing's first
        stage, spacecraft flight or payload flight), linked to it in place of any other; null keeps the
        stored one, as a list keeps its other children."""
        if value is None:
            return
        link = model._meta.get_field(field.source).field
        child = self.take(field, value, path, draft, page)
        draft.values.setdefault((link.model, child), {})[link.attname] = pk
        draft.pointing[link, pk] = child

    def known_keys(self, serializer, data, path):
        """`data` without the keys its shape does not have, if they are skipped; else `data`, checked."""
        if not isinstance(data, dict):
            raise Problem(path, f"expected an object ({type(serializer).__name__}), not {json_type(data)}")
        names = self.roles(serializer).keys()
        if names >= data.keys():
            return data
        unknown = sorted(data.keys() - names)
        if not self.skip_unknown_keys:
            raise Problem(key_path(path, unknown[0]), f"not a field of {type(serializer).__name__}")
        for key in unknown:
            self.page_unknown_keys.setdefault(key_path(type(serializer).__name__, key), [0, self.source])[0] += 1
        return {key: value for key, value in data.items() if key in names}

    def primary_key(self, serializer, data, path):
        model = serializer.Meta.model
        if "id" not in data:
            raise Problem(path, f"an object of {model.__name__} without an id")
        _, field, _, validators = self.roles(serializer)["id"]
        return self.read_value(field, validators, data["id"], f"{path}.id")

    def read_value(self, field, validators, value, path):
        """`read_value`, once per field of a shape and value of a page."""
        if isinstance(value, list | dict):
            return read_value(field, validators, value, path)
        key = (type(field.parent), field.field_name, type(value), value)
        if key not in self.parsed:
            self.parsed[key] = read_value(field, validators, value, path)
        return self.parsed[key]

    # Writing a draft, kind by kind.

    def write(self, draft, rows):
        """Write `draft` over the stored `rows`, {(model, pk): instance}, and journal what that did:
        what differs from the stored rows is written, in bulk, and nothing else."""
        self.point_once(draft, rows)
        created, updated = self.write_rows(draft, rows)
        relisted = self.write_links(draft) | self.write_orders(draft)
        replaced, children = self.write_idless(draft)
        relisted |= replaced
        for key in draft.values:
            outcome = CREATED if key in created else UPDATED if key in updated or key in relisted else UNCHANGED
            self.journal.append((*key, outcome))
        self.journal += children

    def point_once(self, draft, rows):
        """Unlink the rows that point at an object through a one-to-one relation besides the one the
        page links to it (`take_pointing_object`), adding them to the draft and their rows to `rows`."""
        owners = defaultdict(dict)
        for (link, pk), child in draft.pointing.items():
            owners[link][pk] = child
        for link, children in owners.items():
            stored = link.model.objects.filter(**{f"{link.attname}__in": list(children)})
            for row in stored:
                rows.setdefault((link.model, row.pk), row)
            drafted = [(pk, values[link.attname]) for (model, pk), values in draft.values.items()
                       if model is link.model and link.attname in values]
            final = {row.pk: getattr(row, link.attname) for row in stored} | dict(drafted)
            for pk, owner in final.items():
                if owner in children and children[owner] != pk:
                    draft.values.setdefault((link.model, pk), {})[link.attname] = None

    def write_rows(self, draft, rows):
        """Create and update the rows of `draft`'s objects, a kind at a time; returns the keys of those
        created and of those updated."""
        new, changed, freed = defaultdict(list), defaultdict(lambda: defaultdict(list)), defaultdict(list)
        for (model, pk), values in draft.values.items():
            row = rows.get((model, pk))
            if row is None:
                row = model(pk=pk)
                new[model].append(row)
                fields, before = list(values), {}
            else:
                fields = [attname for attname, value in values.items() if getattr(row, attname) != value]
                before = {attname: getattr(row, attname) for attname in fields}
                if fields:
                    changed[model][frozenset(fields)].append(row)
                # A one-to-one link that moves is freed first, so that no row meets the value another leaves.
                freed[model] += [(attname, pk) for attname in fields
                                 if attname in unique_columns(model) and getattr(row, attname) is not None]
            self.page_fields[model, pk].update(
                (field_name(model, attname), [before.get(attname), values[attname]])
                for attname in fields if values[attname] is not None or attname in before)
            for attname in fields:
                setattr(row, attname, values[attname])
        created, updated = set(), set()
        for model, groups in changed.items():
            moving = [row.pk for group in groups.values() for row in group]
            store.moving_rows(model, moving, set().union(*groups))
            for attname in {attname for attname, _ in freed[model]}:
                model.objects.filter(pk__in=[pk for name, pk in freed[model] if name == attname]).update(
                    **{attname: None})
            for fields, group in groups.items():
                model.objects.bulk_update(group, [model._meta.get_field(name).name for name in fields])
            store.forget_saved(model, moving)
            updated.update((model, pk) for pk in moving)
        for model, instances in new.items():
            model.objects.bulk_create(instances)
            store.forget_saved(model, [row.pk for row in instances])
            created.update((model, row.pk) for row in instances)
        return created, updated

    def write_links(self, draft):
        """Write the many-to-many lists of `draft`, a relation at a time; returns the keys of their owners
        whose lists changed."""
        lists = defaultdict(dict)
        for (links, model, pk), items in draft.links.items():
            lists[links, model][pk] = items
        relisted = set()
        for (links, model), owned in lists.items():
            for pk, change in links.write(model, owned).items():
                self.page_fields[model, pk][links_name(model, links)] = list(change)
                relisted.add((model, pk))
        return relisted

    def write_orders(self, draft):
        """Keep the order of the lists of children of `draft` (`Children`); returns the keys of their
        owners whose order changed."""
        lists = defaultdict(dict)
        for (children, model, pk), items in draft.orders.items():
            lists[children, model][pk] = items
        relisted = set()
        for (children, model), owned in lists.items():
            changed = children.write(owned)
            store.forget_saved(model, changed)
            for pk, change in changed.items():
                self.page_fields[model, pk][children.accessor] = list(change)
                relisted.add((model, pk))
        return relisted

    def write_idless(self, draft):
        """Write the lists of id-less children of `draft`, a relation at a time, those that differ from the
        stored ones (in the model's ordering, column by column) replacing them; returns the keys of the
        parents whose lists changed, and the journal entries of the children."""
        lists = defaultdict(dict)
        for (relation, pk), rows in draft.idless.items():
            lists[relation][pk] = [relation.related_model(**values) for values in rows]
        changed, entries = set(), []
        for relation, parents in lists.items():
            model, parent = relation.related_model, relation.field
            stored = defaultdict(list)
            for row in model.objects.filter(**{f"{parent.attname}__in": list(parents)}):
                stored[getattr(row, parent.attname)].append(row)
            replaced, new = [], []
            for pk, rows in parents.items():
                if [column_values(row) for row in rows] == [column_values(row) for row in stored[pk]]:
                    entries += [(model, row.pk, UNCHANGED) for row in stored[pk]]
                    continue
                changed.add((relation.model, pk))
                self.page_fields[relation.model, pk][relation.get_accessor_name()] = [
                    [idless_values(row) for row in stored[pk]], [idless_values(row) for row in rows]]
                replaced.append(pk)
                new += rows
                entries += [(model, row.pk, DELETED) for row in stored[pk]]
            if any(stored[pk] for pk in replaced):
                model.objects.filter(**{f"{parent.attname}__in": replaced}).delete()
            model.objects.bulk_create(new)
            store.forget_saved(model, [row.pk for row in new])
            entries += [(model, row.pk, CREATED) for row in new]
        return changed, entries


class Written:
    """An object as a page last wrote it, in the shape of `serializer` (a class)."""

    def __init__(self, serializer, data):
        self.serializer, self.data, self.dump = serializer, data, None

    def same(self, data):
        """Whether `data` is the same JSON: 1, 1.0 and true are equal in Python, not in JSON; marshal's
        format 2 (without references) tells their types apart, and is quicker to make than JSON text."""
        if data != self.data:
            return False
        if self.dump is None:
            self.dump = marshal.dumps(self.data, 2)
        return marshal.dumps(data, 2) == self.dump


def read_rows(keys):
    """{(model, pk): instance} of the stored rows of `keys`, (model, pk): one query per kind."""
    pks = defaultdict(list)
    for model, pk in keys:
        pks[model].append(pk)
    return {(model, pk): row for model, keys in pks.items() for pk, row in model.objects.in_bulk(keys).items()}


@cache
def field_name(model, attname):
    """The name of `model`'s field whose column is `attname` (`status` for `status_id`)."""
    return model._meta.get_field(attname).name


@cache
def links_name(model, links):
    """The name of `model`'s many-to-many relation (either side) whose link rows are `links`."""
    return next(field.name for field in model._meta.get_fields()
                if field.many_to_many and Links.of(model, field.name) == links)


def idless_values(row):
    """{name: value} of the columns of a child listed without id but its id, as the change log keeps it."""
    return {field.name: getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key}


@cache
def unique_columns(model):
    """The attnames of `model`'s unique columns besides its id (its one-to-one links)."""
    return {field.attname for field in model._meta.concrete_fields if field.unique and not field.primary_key}


def column_values(row):
    return [getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key]


def read_value(field, validators, value, path):
    """`value` as the serializer `field` reads it, of the JSON type it writes (DRF alone reads 5 as "5"),
    passing `validators`; no format is checked, as LL2 writes `""` in link fields."""
    try:
        parsed = field.to_internal_value(value)
        given, written = json_type(value), json_type(field.to_representation(parsed))
        if given != written:
            raise Problem(path, f"expected {written}, not {given}")
        for validator in validators:
            validator(parsed)
    except OverflowError:
        raise Problem(path, "out of range") from None
    except DjangoValidationError as error:
        raise Problem(path, "; ".join(error.messages)) from None
    except serializers.ValidationError as error:
        detail = error.detail if isinstance(error.detail, list) else [error.detail]
        raise Problem(path, "; ".join(str(message) for message in detail)) from None
    return parsed


# Validators of a value's format (a URL's syntax), which say nothing of whether a column can store it.
FORMATS = (RegexValidator, EmailValidator)


def value_validators(field, column):
    """The validators that a value of serializer field `field` passes to be stored in `column`.

    A unique id's validator (the only one that takes the serializer as context) would find the row
    itself: the importer updates rows in place."""
    return [
        encodable_first(validator) if isinstance(validator, ProhibitSurrogateCharactersValidator) else validator
        for validator in [*column_validators(column), *field.validators]
        if not getattr(validator, "requires_context", False) and not isinstance(validator, FORMATS)]


def encodable_first(validator):
    """DRF's check for lone surrogates, which walks a text character by character in Python, run only on
    a text that UTF-8 cannot encode: the encoder refuses exactly those characters."""

    def check(value):
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            validator(value)

    return check


@cache
def column_validators(column):
    """The validators of a model field, with its column type's range as PostgreSQL has it, so that a page
    imports into either database or neither (SQLite takes 64 bits in any integer column)."""
    validators = [v for v in column.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
    # Django's own table of the column types' ranges (undocumented, a class attribute of the base
    # backend): the one that PostgreSQL's backend uses, whatever the database of this process.
    ranges = BaseDatabaseOperations.integer_field_ranges
    if isinstance(column, models.IntegerField):
        low, high = ranges[column.get_internal_type()]
    elif isinstance(column, models.DurationField):
        low, high = (timedelta(microseconds=bound) for bound in ranges["BigIntegerField"])
    else:
        return validators
    if column.primary_key:
        low = max(low, 0)
    return [*validators, MinValueValidator(low), MaxValueValidator(high)]


JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
              dict: "an object", type(None): "null"}


def json_type(value):
    """The JSON type of a value read from a page or written by a serializer field, as messages name it."""
    if type(value) in JSON_TYPES:
        return JSON_TYPES[type(value)]
    for kind, name in JSON_TYPES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


def key_path(path, key):
    """The JSON path of `key` in the object at `path`: `path.key`, or `path["key"]` for a key that is not a
    plain word (quoted as `shown`, so that any key names it in a line of text)."""
    return f"{path}.{key}" if re.fullmatch(r"\w+", key, re.ASCII) else f"{path}[{shown(key)}]"


def shown(value):
    """A value of a page as a message quotes it: JSON on one line, cut short."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 80 else f"{text[:77]}..."
