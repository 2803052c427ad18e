"""Import of LL2 response pages, driven by the serializers that produce those same pages.

A page's records are matched to our endpoints through their own `url` (path only) and their
`response_mode`; from there each nested object's kind is known from the serializer field it sits
in, never guessed from its keys (`type` id 1 is an agency type in one place and a celestial body
type in another). Only the keys present are written, so a launch seen as `{id, url, name}` keeps
the `net` that a fuller page stored. Only what differs from the stored row is written: importing a
page again issues no INSERT, UPDATE or DELETE.
"""

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.urls import Resolver404, resolve
from rest_framework import serializers

from lldapi.api.fields import Constant
from lldapi.tables import reset_sequences


class PageError(Exception):
    """A page that cannot be imported, with the file and the JSON path of the problem."""

    def __init__(self, file, path, message):
        super().__init__(f"{file}: {path}: {message}")


class Problem(Exception):
    def __init__(self, path, message):
        super().__init__(message)
        self.path = path


def read_page(file):
    """The JSON body of a page: plain JSON, or a browsable-API dump with text before the body."""
    text = Path(file).read_text(encoding="utf-8")
    body = re.search(r"^\{", text, re.MULTILINE)
    if body is None:
        raise PageError(file, "$", "no JSON object found")
    try:
        return json.loads(text[body.start() :])
    except json.JSONDecodeError as error:
        raise PageError(file, "$", f"the JSON body does not parse: {error}") from error


def page_records(page):
    if not isinstance(page, dict):
        raise Problem("$", "expected a JSON object (a page with `results`, or one object)")
    if "results" not in page:
        return [("$", page)]
    if not isinstance(page["results"], list):
        raise Problem("$.results", "expected a list")
    return [(f"$.results[{index}]", record) for index, record in enumerate(page["results"])]


def listed_resource(page):
    """The endpoint of a list page, as its own `next` or `previous` link names it; None if neither does.

    Some records have no `url` (payloads, the config lookups): a page of them can only say whose it
    is through these links.
    """
    for link in (page.get("next"), page.get("previous")) if isinstance(page, dict) else ():
        if isinstance(link, str):
            try:
                match = resolve(urlsplit(link).path)
            except Resolver404:
                continue
            resource = getattr(getattr(match.func, "cls", None), "resource", None)
            if resource is not None and "pk" not in match.kwargs:
                return resource
    return None


def record_serializer(record, path, listed=None):
    """The serializer of the endpoint and mode that produced `record`, from its `url`, or else from
    the endpoint of the page that lists it (`listed`)."""
    if isinstance(record, dict) and "url" not in record and listed is not None:
        resource = listed
    else:
        resource = url_resource(record, path)
    mode = record.get("response_mode", resource.list_mode)
    if resource.modes and mode not in resource.modes:
        raise Problem(f"{path}.response_mode", f"unknown mode {mode!r} for {resource.url}")
    return resource.serializer_for(mode)()


def url_resource(record, path):
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        raise Problem(path, "expected an object with a `url` naming its endpoint")
    try:
        match = resolve(urlsplit(record["url"]).path)
    except Resolver404:
        raise Problem(f"{path}.url", f"{record['url']} is not an endpoint that this server answers") from None
    resource = getattr(getattr(match.func, "cls", None), "resource", None)
    if resource is None or "pk" not in match.kwargs:
        raise Problem(f"{path}.url", f"{record['url']} is not an object of an endpoint that this server answers")
    return resource


CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"


class Changes:
    """What imports did to one model's rows: the primary keys of those created, updated and unchanged.

    A row is updated when one of its columns, its many-to-many links or its list of id-less children
    (a mission's info URLs) changed. A row met several times is in one set only: created wins over
    updated, updated over unchanged. The rows of an id-less list that a page replaced are deleted, and
    then in no set; their parent is updated.
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
    imported so far, a rejected file leaving no entries."""

    def __init__(self):
        self.changes = defaultdict(Changes)
        # What the current file did, as (model, pk, outcome) in order: it joins `changes` once the
        # file's transaction has committed.
        self.journal = []

    def import_file(self, file):
        """Import one page in one transaction; returns the number of records."""
        page = read_page(file)
        self.journal = []
        try:
            with transaction.atomic():
                records, listed = page_records(page), listed_resource(page)
                for path, record in records:
                    self.upsert(record_serializer(record, path, listed), record, path)
                reset_sequences()
        except Problem as problem:
            raise PageError(file, problem.path, problem) from None
        for model, pk, outcome in self.journal:
            if outcome == DELETED:
                self.changes[model].discard(pk)
            else:
                self.changes[model].add(pk, outcome)
        return len(records)

    def record(self, instance, outcome):
        self.journal.append((type(instance), instance.pk, outcome))

    def upsert(self, serializer, data, path):
        """Write the keys of `data` that `serializer` declares onto the object with that id, saving
        only what differs from the stored row; returns the object."""
        check_keys(serializer, data, path)
        instance = self.existing_or_new(serializer.Meta.model, data, path)
        changed, lists = self.assign(serializer, data, path, instance)
        created = instance._state.adding
        if created:
            instance.save(force_insert=True)
        elif changed:
            instance.save(update_fields=changed)
        # A list, not a generator for any(): every list is stored, whether or not one before changed.
        lists_changed = [self.store_list(instance, field, value, list_path) for field, value, list_path in lists]
        self.record(instance, CREATED if created else UPDATED if changed or any(lists_changed) else UNCHANGED)
        return instance

    def assign(self, serializer, data, path, instance):
        """Set on `instance` the values of `data` that differ from its own, without saving it; returns
        the names of the fields set and the lists, which can only be stored once the instance is."""
        changed, lists = [], []
        for name, value in data.items():
            field, field_path = serializer.fields[name], f"{path}.{name}"
            if name == "id" or isinstance(field, serializers.HyperlinkedIdentityField):
                continue
            if isinstance(field, Constant):
                if value != field.value:
                    raise Problem(field_path, f"expected {field.value!r} for {type(serializer).__name__}")
            elif isinstance(field, serializers.ListSerializer):
                lists.append((field, value, field_path))
            elif isinstance(field, serializers.BaseSerializer):
                related = None if value is None else self.upsert(field, value, field_path)
                # The stored id, not the related object, which would cost a query to load.
                stored = getattr(instance, instance._meta.get_field(field.source).attname)
                if stored != (None if related is None else related.pk):
                    setattr(instance, field.source, related)
                    changed.append(field.source)
            else:
                parsed = None if value is None else parse(field, value, field_path)
                if getattr(instance, field.source) != parsed:
                    setattr(instance, field.source, parsed)
                    changed.append(field.source)
        return changed, lists

    def existing_or_new(self, model, data, path):
        if "id" not in data:
            raise Problem(path, f"an object of {model.__name__} without an id")
        try:
            pk = model._meta.pk.to_python(data["id"])
        except DjangoValidationError as error:
            raise Problem(f"{path}.id", "; ".join(error.messages)) from None
        if pk is None or isinstance(data["id"], bool):
            raise Problem(f"{path}.id", f"{data['id']!r} is not an id")
        return model.objects.filter(pk=pk).first() or model(pk=pk)

    def store_list(self, instance, field, values, path):
        """Store a list of `instance`; returns whether that changed `instance` (its many-to-many links
        or its id-less children)."""
        if getattr(field, "first", False):  # one row of a filtered relation (`Where`), or null
            values = [] if values is None else [values]
        if not isinstance(values, list):
            raise Problem(path, "expected a list")
        relation = type(instance)._meta.get_field(field.source)
        items = [(f"{path}[{index}]", value) for index, value in enumerate(values)]
        if isinstance(relation, models.ManyToManyField):
            related = [self.upsert(field.child, value, item_path) for item_path, value in items]
            links = getattr(instance, field.source)
            if {row.pk for row in related} == set(links.values_list("pk", flat=True)):
                return False
            links.set(related)
            return True
        if "id" in field.child.fields:
            # Children that point at their parent (an image's variants, a flight's docking events):
            # the page's children are written, others the parent already had are kept. A child that
            # moves to this parent is itself updated; the parent's row is not.
            for item_path, value in items:
                child = self.upsert(field.child, value, item_path)
                if getattr(child, relation.field.attname) != instance.pk:
                    setattr(child, relation.field.name, instance)
                    child.save(update_fields=[relation.field.name])
                    self.record(child, UPDATED)
            return False
        # Children that LL2 publishes without ids (a mission's info and video URLs) can only be
        # matched as a whole: the page's list, compared column by column with the stored one in the
        # model's ordering, replaces it if they differ. Such children are flat: they have no lists.
        model, parent = relation.related_model, {relation.field.name: instance}
        rows = []
        for item_path, value in items:
            check_keys(field.child, value, item_path)
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


def check_keys(serializer, data, path):
    if not isinstance(data, dict):
        raise Problem(path, f"expected an object ({type(serializer).__name__})")
    unknown = sorted(set(data) - set(serializer.fields))
    if unknown:
        raise Problem(f"{path}.{unknown[0]}", f"not a field of {type(serializer).__name__}")


def column_values(row):
    return [getattr(row, field.attname) for field in row._meta.concrete_fields if not field.primary_key]


def parse(field, value, path):
    try:
        return field.to_internal_value(value)
    except serializers.ValidationError as error:
        detail = error.detail if isinstance(error.detail, list) else [error.detail]
        raise Problem(path, "; ".join(str(message) for message in detail)) from None
