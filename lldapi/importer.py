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
model field (see `parse`). The first problem rejects the whole file, inside its transaction; a sync
sets the record aside instead, and the rest of its page lands.
"""

import json
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
from django.urls import Resolver404, resolve
from rest_framework import serializers

from lldapi.api import store
from lldapi.api.fields import Constant
from lldapi.api.models import Children, Links
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


def resolve_resource(link):
    """The served resource that `link` (an absolute URL or a path) names, and whether it names one object."""
    try:
        match = resolve(urlsplit(link).path)
    except (ValueError, Resolver404):
        return None, False
    return getattr(getattr(match.func, "cls", None), "resource", None), "pk" in match.kwargs


def listed_resource(page):
    """The endpoint that a page lists, as its paging links name it (None if they do not)."""
    for key in ("next", "previous"):
        if isinstance(page.get(key), str):
            resource, single = resolve_resource(page[key])
            if resource is not None and not single:
                return resource
    return None


def record_serializer(record, path, listed=None):
    """The serializer of the endpoint and mode that produced `record`.

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
    serializer = resource.serializer_for(mode)()
    if "url" in serializer.fields and "url" not in record:
        raise Problem(path, "expected an object with a `url` naming its endpoint")
    return serializer


CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"


class Changes:
    """What imports did to one model's rows: the primary keys of those created, updated and unchanged.

    A row is updated when one of its columns, its many-to-many links, its list of id-less children
    (a mission's info URLs) or the order of its children (a location's pads) changed. A row met several
    times is in one set only: created wins over updated, updated over unchanged. The rows of an id-less
    list that a page replaced are deleted, and then in no set; their parent is updated.
    """

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


class Importer:
    """Imports LL2 pages; `changes` maps each model to the `Changes` of its rows over the files
    imported so far, a rejected file leaving no entries. Each file brings the representation store up
    to date for what it wrote, in its transaction."""

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
        # {(model, pk): (serializer class, the object's JSON, instance)} of the current page's last write
        # of each row: the same object met again in the same shape is already written.
        self.last_written = {}
        # {(model, pk): instance} of the rows the current page holds, read in one query per kind.
        self.rows = {}

    def import_file(self, file):
        """Import one page file in one transaction; returns the number of records."""
        return self.import_page(read_page(file), file)

    def import_page(self, page, source, resource=None):
        """Import one page's body in one transaction (a savepoint inside the caller's); returns the
        number of records. `resource` is the endpoint that listed the page, for records without a
        `url`, when the page's own links do not name it; `source` names the page in errors."""
        self.journal, self.last_written, self.page_unknown_keys, self.source = [], {}, {}, source
        self.set_aside = []
        try:
            with transaction.atomic():
                take_turn()
                records = page_records(page)
                listed = resource or listed_resource(page)
                serialized = {}
                for index, (path, record) in enumerate(records):
                    try:
                        serialized[index] = (record_serializer(record, path, listed), record, path)
                    except Problem as problem:
                        self.set_aside_record(index, problem)
                self.rows = read_rows(serialized.values())
                with store.forgetting_together():
                    for index, (serializer, record, path) in serialized.items():
                        with self.setting_aside(index, serialized.values()):
                            self.upsert(serializer, record, path)
                reset_sequences()
                rebuilt = store.build_rows(self.written())
        except Problem as problem:
            raise PageError(source, problem.path, problem) from None
        except OperationalError as error:
            # SQLite's "database is locked": another import kept writing past the busy timeout.
            raise PageError(source, None, f"not imported, the database refused it: {error}") from None
        for key, (times, first) in self.page_unknown_keys.items():
            self.unknown_keys.setdefault(key, [0, first])[0] += times
        self.rebuilt.records += rebuilt.records
        self.rebuilt.written += rebuilt.written
        for model, pk, outcome in self.journal:
            if outcome == DELETED:
                self.changes[model].discard(pk)
            else:
                self.changes[model].add(pk, outcome)
        return len(records)

    def set_aside_record(self, index, problem):
        """Set record `index` of the page aside for `problem`, if records are set aside; else reject the page."""
        if not self.set_aside_records:
            raise problem
        self.set_aside.append(SetAside(index, problem.path, str(problem)))

    @contextmanager
    def setting_aside(self, index, serialized):
        """Write record `index` of the page in a savepoint. If records are set aside, a problem rolls it
        back, with what the page's bookkeeping holds of it: its journal entries and unknown keys, the
        rows written so far (which `upsert` trusts to be stored) and the rows of the page, read again."""
        if not self.set_aside_records:
            yield
            return
        journal, unknown = len(self.journal), {key: list(seen) for key, seen in self.page_unknown_keys.items()}
        try:
            with transaction.atomic():
                yield
        except Problem as problem:
            del self.journal[journal:]
            self.page_unknown_keys, self.last_written = unknown, {}
            self.rows = read_rows(serialized)
            self.set_aside_record(index, problem)

    def written(self):
        """{model: pks} of the rows the current file created or updated."""
        rows = defaultdict(set)
        for model, pk, outcome in self.journal:
            if outcome in (CREATED, UPDATED):
                rows[model].add(pk)
        return rows

    def record(self, instance, outcome):
        self.journal.append((type(instance), instance.pk, outcome))

    def upsert(self, serializer, data, path):
        """Write the keys of `data` that `serializer` declares onto the object with that id, saving
        only what differs from the stored row; returns the object."""
        data = self.known_keys(serializer, data, path)
        model, pk = serializer.Meta.model, self.primary_key(serializer, data, path)
        # JSON text, not the dict: 1, 1.0 and true are equal in Python but not as a page's values.
        text = json.dumps(data)
        last = self.last_written.get((model, pk))
        if last is not None and last[0] is type(serializer) and last[1] == text:
            return last[2]
        instance = self.rows.get((model, pk))
        if instance is None:
            instance = self.rows[model, pk] = model(pk=pk)
        changed, lists = self.assign(serializer, data, path, instance)
        created = instance._state.adding
        if created:
            instance.save(force_insert=True)
        elif changed:
            instance.save(update_fields=changed)
        # A list, not a generator for any(): every list is stored, whether or not one before changed.
        lists_changed = [self.store_list(instance, field, value, list_path) for field, value, list_path in lists]
        self.record(instance, CREATED if created else UPDATED if changed or any(lists_changed) else UNCHANGED)
        self.last_written[model, pk] = (type(serializer), text, instance)
        return instance

    def assign(self, serializer, data, path, instance):
        """Set on `instance` the values of `data` that differ from its own, without saving it; returns
        the names of the fields set and the lists, which can only be stored once the instance is."""
        changed, lists = [], []
        for name, value in data.items():
            field, field_path = serializer.fields[name], f"{path}.{name}"
            if name == "id":
                continue
            if isinstance(field, serializers.HyperlinkedIdentityField):
                # Not stored: the object's own link, which the server builds.
                if not isinstance(value, str):
                    raise Problem(field_path, f"expected a string, not {json_type(value)}")
            elif isinstance(field, Constant):
                if value != field.value:
                    raise Problem(field_path, f"expected {field.value!r} for {type(serializer).__name__}")
            elif isinstance(field, serializers.ListSerializer) or points_here(instance, field):
                lists.append((field, value, field_path))
            elif isinstance(field, serializers.BaseSerializer):
                related = None if value is None else self.upsert(field, value, field_path)
                # The stored id, not the related object, which would cost a query to load.
                stored = getattr(instance, instance._meta.get_field(field.source).attname)
                if stored != (None if related is None else related.pk):
                    setattr(instance, field.source, related)
                    changed.append(field.source)
            else:
                column = instance._meta.get_field(field.source)
                parsed = None if value is None else parse(field, column, value, field_path)
                if getattr(instance, field.source) != parsed:
                    setattr(instance, field.source, parsed)
                    changed.append(field.source)
        return changed, lists

    def known_keys(self, serializer, data, path):
        """`data` without the keys its shape does not have, if they are skipped; else `data`, checked."""
        if not isinstance(data, dict):
            raise Problem(path, f"expected an object ({type(serializer).__name__}), not {json_type(data)}")
        unknown = sorted(set(data) - set(serializer.fields))
        if not unknown:
            return data
        if not self.skip_unknown_keys:
            raise Problem(key_path(path, unknown[0]), f"not a field of {type(serializer).__name__}")
        for key in unknown:
            self.page_unknown_keys.setdefault(key_path(type(serializer).__name__, key), [0, self.source])[0] += 1
        return {key: value for key, value in data.items() if key in serializer.fields}

    def primary_key(self, serializer, data, path):
        model = serializer.Meta.model
        if "id" not in data:
            raise Problem(path, f"an object of {model.__name__} without an id")
        return parse(serializer.fields["id"], model._meta.pk, data["id"], f"{path}.id")

    def store_list(self, instance, field, values, path):
        """Store a list of `instance`; returns whether that changed `instance` (its many-to-many links,
        its id-less children or the order of its children)."""
        if not isinstance(field, serializers.ListSerializer):
            return self.store_pointing_object(instance, field, values, path)
        if getattr(field, "first", False):  # one row of a filtered relation (`Where`), or null
            values = [] if values is None else [values]
        if not isinstance(values, list):
            raise Problem(path, "expected a list")
        relation = type(instance)._meta.get_field(field.source)
        items = [(f"{path}[{index}]", value) for index, value in enumerate(values)]
        links = Links.of(type(instance), field.source)
        if links:  # either side of a many-to-many relation
            return links.write(instance, list(dict.fromkeys(
                self.upsert(field.child, value, item_path).pk for item_path, value in items)))
        if "id" in field.child.fields:
            # Children that point at their parent (an image's variants, a flight's docking events):
            # the page's children are written, others the parent already had are kept. A child that
            # moves to this parent is itself updated; the parent's row is not, but the parent is
            # updated when the page changes the order of its list (`Children`).
            children = []
            for item_path, value in items:
                child = self.upsert(field.child, value, item_path)
                if getattr(child, relation.field.attname) != instance.pk:
                    setattr(child, relation.field.name, instance)
                    child.save(update_fields=[relation.field.name])
                    self.record(child, UPDATED)
                children.append(child.pk)
            return self.store_order(instance, field, children)
        # Children that LL2 publishes without ids (a mission's info and video URLs) can only be
        # matched as a whole: the page's list, compared column by column with the stored one in the
        # model's ordering, replaces it if they differ. Such children are flat: they have no lists.
        model, parent = relation.related_model, {relation.field.name: instance}
        rows = []
        for item_path, value in items:
            value = self.known_keys(field.child, value, item_path)
            row = model(**parent)
            self.assign(field.child, value, item_path, row)
            rows.append(row)
        stored = list(model.objects.filter(**parent))
        if [column_values(row) for row in rows] == [column_values(row) for row in stored]:
            for row in stored:
                self.record(row, UNCHANGED)
            return False
        if stored:
            model.objects.filter(**parent).delete()
        for row in stored:
            self.record(row, DELETED)
        for row in rows:
            row.save(force_insert=True)
            self.record(row, CREATED)
        return True

    def store_order(self, instance, field, children):
        """Keep the order of `instance`'s list of children `field`, as the page lists them, if LL2 does not
        sort them and the field lists them all (not only those that match a condition); returns whether
        that changed it."""
        unsorted = Children.of(type(instance), field.source) if getattr(field, "condition", None) is None else None
        if unsorted is None or not unsorted.write(instance, children):
            return False
        store.forget_saved(type(instance), [instance.pk])
        return True


    def store_pointing_object(self, instance, field, value, path):
        """Store the object that points at `instance` through a one-to-one relation (a landing's first
        stage, spacecraft flight or payload flight), linked to `instance` in place of any other; null
        keeps the stored one, as a list keeps its other children. `instance` itself is unchanged."""
        if value is None:
            return False
        link = type(instance)._meta.get_field(field.source).field
        child = self.upsert(field, value, path)
        if getattr(child, link.attname) == instance.pk:
            return False
        for other in link.model.objects.filter(**{link.name: instance}).exclude(pk=child.pk):
            # The page's last write of `other`, and its instance, no longer hold its row.
            self.last_written.pop((link.model, other.pk), None)
            self.rows[link.model, other.pk] = other
            setattr(other, link.name, None)
            other.save(update_fields=[link.name])
            self.record(other, UPDATED)
        setattr(child, link.name, instance)
        child.save(update_fields=[link.name])
        self.record(child, UPDATED)
        return False


def read_rows(serialized):
    """{(model, pk): instance} of the stored rows of every object that `serialized`, [(serializer, record,
    path)], holds at any depth: one query per kind of row. Objects whose ids do not parse are left to the
    import to reject."""
    pks = defaultdict(set)

    def gather(serializer, data):
        if not isinstance(data, dict):
            return
        model = serializer.Meta.model
        if "id" in serializer.fields:  # not an id-less child (a mission's info URL)
            try:
                pks[model].add(parse(serializer.fields["id"], model._meta.pk, data.get("id"), "$"))
            except Problem:
                pass
        for name, value in data.items():
            field = serializer.fields.get(name)
            if isinstance(field, serializers.ListSerializer):
                for item in value if isinstance(value, list) else [value]:
                    gather(field.child, item)
            elif isinstance(field, serializers.BaseSerializer):
                gather(field, value)

    for serializer, record, _ in serialized:
        gather(serializer, record)
    return {
        (model, pk): instance
        for model, keys in pks.items()
        for pk, instance in model.objects.in_bulk(keys).items()
    }


def points_here(instance, field):
    """Whether `field` shows an object that points at `instance` (a landing's first stage), rather than
    one that `instance` points at."""
    return isinstance(field, serializers.BaseSerializer) and not instance._meta.get_field(field.source).concrete



def column_values(row):
    return [getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key]


def parse(field, column, value, path):
    """`value` as the serializer `field` reads it, for the model field `column`.

    The value must have the JSON type that `field` writes (DRF alone would read 5 as "5" and "5" as
    5), parse as `field` reads it, fit `column` (its max_length, the range of its type) and pass the
    field's own validators (text without NUL or lone surrogates, which no database stores). No format
    is checked: LL2 writes `""` in link fields, and a mirror keeps what LL2 wrote.
    """
    try:
        parsed = field.to_internal_value(value)
        given, written = json_type(value), json_type(field.to_representation(parsed))
        if given != written:
            raise Problem(path, f"expected {written}, not {given}")
        for validator in [*column_validators(column), *field.validators]:
            # A unique id's validator (the only one that takes the serializer as context) would find
            # the row itself: the importer updates rows in place.
            if not getattr(validator, "requires_context", False) and not isinstance(validator, FORMATS):
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


@cache
def column_validators(column):
    """The validators of a model field, with the range of its column type on every database.

    Django bounds integers by the database in use, and SQLite takes 64 bits in any integer column: an
    IntegerField holds 32 bits here whatever the database, and the page imports into either or
    neither. A duration is a 64-bit count of microseconds where the database has no interval type
    (SQLite). LL2's ids are never negative.
    """
    validators = [v for v in column.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
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


def json_type(value):
    """The JSON type of a value read from a page or written by a serializer field, as messages name it."""
    for kind, name in ((bool, "a boolean"), (int | float, "a number"), (str, "a string"), (list, "a list"),
                       (dict, "an object")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else type(value).__name__


def key_path(path, key):
    """The JSON path of `key` in the object at `path`: `path.key`, or `path["key"]` for a key that is not a
    plain word (quoted as `shown`, so that any key names it in a line of text)."""
    return f"{path}.{key}" if re.fullmatch(r"\w+", key, re.ASCII) else f"{path}[{shown(key)}]"


def shown(value):
    """A value of a page as a message quotes it: JSON on one line, cut short."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 80 else f"{text[:77]}..."
