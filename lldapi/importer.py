"""Import of LL2 response pages, driven by the serializers that produce those same pages.

A page's records are matched to our endpoints through their own `url` (path only), or for records
that have none (celestial bodies, config lookups) the page's `next`/`previous` link, and their
`response_mode`; from there each nested object's kind is known from the serializer field it sits
in, never guessed from its keys (`type` id 1 is an agency type in one place and a celestial body
type in another). Only the keys present are written, so a launch seen as `{id, url, name}` keeps
the `net` that a fuller page stored.
"""

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
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


def resolve_resource(link):
    """The served resource that `link` (an absolute URL or a path) names, and whether it names one object."""
    try:
        match = resolve(urlsplit(link).path)
    except Resolver404:
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

    A record names its endpoint by its own `url`; records without one (celestial bodies, families,
    the config lookups) by the paging links of the page that lists them (`listed`).
    """
    if not isinstance(record, dict):
        raise Problem(path, "expected an object")
    if isinstance(record.get("url"), str):
        resource, single = resolve_resource(record["url"])
        if resource is None or not single:
            raise Problem(f"{path}.url", f"{record['url']} is not an object of an endpoint that this server answers")
    elif listed is not None:
        resource = listed
    else:
        raise Problem(path, "expected an object with a `url` naming its endpoint, or a page whose links name it")
    mode = record.get("response_mode", resource.list_mode)
    if resource.modes and mode not in resource.modes:
        raise Problem(f"{path}.response_mode", f"unknown mode {mode!r} for {resource.url}")
    return resource.serializer_for(mode)()


class Importer:
    def __init__(self):
        self.seen = defaultdict(set)

    def import_file(self, file):
        """Import one page in one transaction; returns the number of records."""
        page = read_page(file)
        try:
            with transaction.atomic():
                records = page_records(page)
                listed = listed_resource(page)
                for path, record in records:
                    self.upsert(record_serializer(record, path, listed), record, path)
                reset_sequences()
        except Problem as problem:
            raise PageError(file, problem.path, problem) from None
        return len(records)

    def counts(self):
        return {model._meta.verbose_name_plural: len(pks) for model, pks in self.seen.items()}

    def upsert(self, serializer, data, path, instance=None):
        """Write the keys of `data` that `serializer` declares onto the object with that id."""
        if not isinstance(data, dict):
            raise Problem(path, f"expected an object ({type(serializer).__name__})")
        fields = serializer.fields
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise Problem(f"{path}.{unknown[0]}", f"not a field of {type(serializer).__name__}")
        model = serializer.Meta.model
        if instance is None:
            instance = self.existing_or_new(model, data, path)
        lists = []
        for name, value in data.items():
            field, field_path = fields[name], f"{path}.{name}"
            if name == "id" or isinstance(field, serializers.HyperlinkedIdentityField):
                continue
            if isinstance(field, Constant):
                if value != field.value:
                    raise Problem(field_path, f"expected {field.value!r} for {type(serializer).__name__}")
            elif isinstance(field, serializers.ListSerializer):
                lists.append((field, value, field_path))
            elif isinstance(field, serializers.BaseSerializer):
                related = None if value is None else self.upsert(field, value, field_path)
                setattr(instance, field.source, related)
            else:
                setattr(instance, field.source, None if value is None else parse(field, value, field_path))
        instance.save(force_insert=instance._state.adding)
        for field, value, field_path in lists:
            self.store_list(instance, field, value, field_path)
        self.seen[model].add(instance.pk)
        return instance

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
        if not isinstance(values, list):
            raise Problem(path, "expected a list")
        relation = type(instance)._meta.get_field(field.source)
        items = [(f"{path}[{index}]", value) for index, value in enumerate(values)]
        if relation.many_to_many:  # either side of a many-to-many relation
            getattr(instance, field.source).set([self.upsert(field.child, value, p) for p, value in items])
        elif "id" in field.child.fields:
            # Children that point at their parent (an image's variants, a flight's docking events):
            # the page's children are written, others the parent already had are kept.
            for item_path, value in items:
                child = self.upsert(field.child, value, item_path)
                setattr(child, relation.field.name, instance)
                child.save(update_fields=[relation.field.name])
        else:
            # Children that LL2 publishes without ids (a mission's info and video URLs) can only be
            # matched as a whole: the page's list replaces the stored one.
            parent = {relation.field.name: instance}
            relation.related_model.objects.filter(**parent).delete()
            for item_path, value in items:
                self.upsert(field.child, value, item_path, instance=relation.related_model(**parent))


def parse(field, value, path):
    try:
        return field.to_internal_value(value)
    except serializers.ValidationError as error:
        detail = error.detail if isinstance(error.detail, list) else [error.detail]
        raise Problem(path, "; ".join(str(message) for message in detail)) from None
