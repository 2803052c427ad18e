"""Answering a request from the store: what a view asks it (`answer`), with the ETag, 304 and read
consistency of a stored answer."""

import hashlib
import json
import time

from django.conf import settings
from django.db.models.functions import Now
from django.db.models.sql import Query
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_header_parameters
from rest_framework import generics, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from lldapi.api.ordering import stably_ordered
from lldapi.api.serializers import Selected

from .assembly import Assembly
from .components import component, composition
from .fragments import Origin
from .memory import RememberedIds, remembered
from .versions import DataMoved, confirmed, data_version, read_consistently, starting_version, with_data_version

# Times a stored answer is read again when the data changed while it was read, before the serializers
# answer instead.
READ_ATTEMPTS = 3
# Records an export reads at a time: a detailed launch's fragments fill about 0.4 MB of memory as they are
# joined.
EXPORT_BATCH = 100
# Stands for a page's results in its rendered envelope.
RESULTS_MARK = "\x00results"
# Stands for a list of an object of lists, followed by its index.
LIST_MARK = "\x00list"


def answer(view, lookup=None):
    """The stored answer to `view`'s request (a `ModeViewSet`'s): its list, or its object `lookup`, as
    compact JSON with an ETag (a 304 where the client holds it); for any other rendering (the browsable
    API, indented JSON), its data, which the view's renderer writes as it writes the serializers'. None
    where the serializers answer: the store is off, or the data kept moving as it was read."""
    if not settings.REPRESENTATION_STORE:
        return None
    stored = StoredAnswer(view)
    if view.resource.subject is not None:
        return stored.respond(lambda: (view.resource.subject, starting_version()), stored.whole)
    if lookup is None:
        return stored.respond(lambda: (view.selected_rows, starting_version()), stored.page)
    return stored.respond(lambda: stored.locate(lookup), stored.record)


class StoredAnswer:
    """The answer to one request: the view's rows, paginator and component, at the data version read."""

    def __init__(self, view):
        self.view, self.request, self.resource = view, view.request, view.resource
        make = component if self.resource.subject is None else composition
        self.item = make(view.get_serializer_class(), self.resource.version)
        self.origin = Origin(self.request)
        renderer = self.request.accepted_renderer
        indented = "indent" in parse_header_parameters(self.request.accepted_media_type)[1]
        self.compact = isinstance(renderer, JSONRenderer) and not indented

    def respond(self, locate, make):
        """`locate()` gives what to read (a page's rows, an object's id) and the data version, `make(what,
        version)` the body, read again while a write commits under it."""
        for _ in range(READ_ATTEMPTS):
            what, version = locate()
            etag = self.etag(version)
            if self.compact and (not_modified := self.not_modified(etag)):
                if confirmed(version):
                    return not_modified
                continue
            body = read_consistently(version, make, what, version)
            if body is not None:
                return self.response(body, etag)
        return None

    def page(self, rows, version):
        """The page's JSON. A page whose rows and shape only a write changes (no filter, no clock), asked
        again at the same data version, is the bytes this process made for it the first time (in compact
        JSON: another rendering needs the paginator's controls)."""
        request, paginator, item = self.request, self.view.paginator, self.item
        key = self.remembered_as()
        memory = remembered(version)
        unchanging = key is not None and not item.time_relative and self.compact
        same_page = (self.origin.key, request.get_full_path()) if unchanging else None
        if same_page is not None and (body := memory.get("page", same_page)) is not None:
            return body
        ids = rows.values_list("pk", flat=True) if key is None else RememberedIds(rows, key, version)
        page = [str(pk) for pk in paginator.paginate_queryset(ids, request, view=self.view)]
        assembly = Assembly(version)
        assembly.load(item, page)
        envelope = JSONRenderer().render(paginator.get_paginated_response(RESULTS_MARK).data)
        before, after = envelope.split(JSONRenderer().render(RESULTS_MARK))
        records = b",".join([assembly.json_with_links(item, pk, self.origin) for pk in page])
        body = b"".join([before, b"[", records, b"]", after])
        if same_page is not None:
            memory.keep("page", same_page, body, len(body))
        return body

    def whole(self, subject, version):
        """The JSON of one object of lists: its serializer's fields around the lists' records, each list
        selected at the time of the request by its `rows`."""
        assembly, lists = Assembly(version), []

        def outline(serializer, instance):
            shown = {}
            for name, item in serializer.fields.items():
                if isinstance(item, Selected):
                    listed = component(type(item.child), self.resource.version)
                    pks = [str(pk) for pk in item.rows(instance).values_list("pk", flat=True)]
                    assembly.load(listed, pks)
                    shown[name] = f"{LIST_MARK}{len(lists)}"
                    lists.append((listed, pks))
                elif isinstance(item, serializers.Serializer):
                    shown[name] = outline(item, item.get_attribute(instance))
                else:
                    shown[name] = item.to_representation(item.get_attribute(instance))
            return shown

        body = JSONRenderer().render(outline(self.view.get_serializer(), subject()))
        for index, (listed, pks) in enumerate(lists):
            records = b",".join([assembly.json_with_links(listed, pk, self.origin) for pk in pks])
            body = body.replace(JSONRenderer().render(f"{LIST_MARK}{index}"), b"[" + records + b"]", 1)
        return body

    def record(self, pk, version):
        assembly = Assembly(version)
        assembly.load(self.item, [pk])
        return assembly.json_with_links(self.item, pk, self.origin)

    def locate(self, lookup):
        """(id, data version) of the requested object, in one query (filters and search apply to a single
        object too); or the data version alone where this process found the object at that version."""
        key = self.remembered_as()
        if key is not None and (version := found_before((key, lookup))) is not None:
            return lookup, version
        found = with_data_version(self.view.selected_rows, "pk")
        pk, version = generics.get_object_or_404(found, pk=lookup)
        if key is not None and str(pk) == lookup:
            remember_found((key, lookup), version)
        return str(pk), version

    def remembered_as(self):
        """The key under which this process may remember which rows this request selects (a list's count
        and page ids, a single object's existence) until the data version moves: the endpoint with the
        request's filters, search and ordering. None where the rows may change with the clock alone: a
        subset such as `upcoming`, or a filter that compares with the time (`Now()` in its query)."""
        if self.resource.subset is not None:
            return None
        # Only a filtered request's query is searched for `Now()`: building the unfiltered one would run
        # the filter backends for every remembered single object (about 40 µs each).
        if self.view.filtered() and reads_clock(self.view.selected_rows.query):
            return None
        selecting = [(name, tuple(values)) for name, values in self.request.query_params.lists()
                     if name not in ("limit", "offset", "mode", "format")]
        return (self.resource.version, self.resource.path, tuple(sorted(selecting)))

    def etag(self, version):
        """From what the answer depends on: the data version, the shape, the request (origin, path, query,
        format) and, for lists of what is upcoming or under way, the time window."""
        request = self.request
        parts = [str(version), self.item.digest, self.origin.origin.decode(), request.get_full_path(),
                 request.accepted_media_type]
        if self.item.time_relative or self.resource.subset:
            parts.append(str(int(time.time() // max(settings.CACHE_MAX_AGE, 1))))
        return 'W/"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'

    def not_modified(self, etag):
        """A 304 when the client holds `etag`, with the Vary of the 200: DRF's `Accept`, then the
        `Accept-Encoding` that GZipMiddleware adds to a body it may compress."""
        response = get_conditional_response(self.request, etag=etag)
        if response is not None:
            response["ETag"] = etag
            patch_vary_headers(response, ["Accept", "Accept-Encoding"])
        return response

    def response(self, body, etag):
        """The stored body, with the headers of the serializers' answer (DRF renders JSON as
        `application/json`) but for the ETag, which comes from what the answer depends on; or, for another
        rendering, its data, read back in its order (its values are JSON's: they render as they were)."""
        if not self.compact:
            return Response(json.loads(body))
        response = HttpResponse(body, content_type=self.request.accepted_renderer.media_type)
        response["ETag"] = etag
        return response


def export(view, rows):
    """Every record of `rows` (a `ModeViewSet`'s selection) in the view's mode, as its JSON lists them:
    (the ETag of the whole, an iterator of each record's JSON bytes)."""
    stored = StoredAnswer(view)
    pks = [str(pk) for pk in rows.values_list("pk", flat=True)]
    # Links as the JSON's, without `?format=ndjson`: each line is the record as the JSON lists it.
    origin = Origin.at(view.request.build_absolute_uri("/"))
    return stored.etag(starting_version()), records(stored.item, pks, origin)


def export_at(resource, mode, base_url):
    """Every record of `resource` in `mode`, with `base_url` (`https://host`) in their links: an iterator
    of each record's JSON bytes, in the endpoint's default order."""
    item = component(resource.serializer_for(mode), resource.version)
    rows = stably_ordered(resource.queryset.all(), resource.ordering)
    pks = [str(pk) for pk in rows.values_list("pk", flat=True)]
    return records(item, pks, Origin.at(base_url))


def records(item, pks, origin):
    """The JSON of records `pks` in component `item`, `origin` in their links, one bytes object per record:
    `EXPORT_BATCH` records at a time, each batch at one data version (read again, without the records
    gone, where a write commits under it), so that memory stays flat however many records there are."""
    for start in range(0, len(pks), EXPORT_BATCH):
        batch = pks[start : start + EXPORT_BATCH]
        for _ in range(READ_ATTEMPTS):
            version = data_version()
            made = read_consistently(version, assembled, item, batch, origin, version)
            if made is not None:
                yield from made
                break
            batch = [str(pk) for pk in item.model.objects.filter(pk__in=batch).values_list("pk", flat=True)]
        else:
            raise DataMoved(f"records of {item.name} kept changing as they were read")


def assembled(item, pks, origin, version):
    assembly = Assembly(version)
    assembly.load(item, pks)
    return [assembly.json_with_links(item, pk, origin) for pk in pks]


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
