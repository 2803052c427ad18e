import hashlib
import time
from functools import cached_property

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_header_parameters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import generics, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from . import store
from .eager import joined, load_nested

# Times a stored answer is read again when the data changed while it was read, before the serializers
# answer instead.
READ_ATTEMPTS = 3


class ModeViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only LL2 endpoint whose `?mode=` picks the representation.

    Its `resource` (`lldapi.api.registry.Resource`) maps each mode to the serializer of its schema
    component; the eager loading each mode needs is derived from that serializer. An endpoint with
    a single shape ignores `?mode=`, as LL2 does. `eager_loading = False` serves the same serializers
    with no eager loading at all: the naive baseline that the benchmark measures against.

    JSON answers come from the representation store (`lldapi.api.store`) when it is on: the
    endpoint's own filtering, search, ordering and pagination select the ids, and the store gives
    their JSON. The browsable API and indented JSON take the serializers.
    """

    resource = None
    eager_loading = True

    def initial(self, request, *args, **kwargs):
        store.check_version_ahead()
        super().initial(request, *args, **kwargs)

    @property
    def mode(self):
        modes = self.resource.modes
        requested = self.request.query_params.get("mode")
        if not modes or not requested:
            return self.resource.retrieve_mode if self.action == "retrieve" else self.resource.list_mode
        if requested not in modes:
            choices = ", ".join(modes)
            raise ValidationError({"mode": [f"'{requested}' is not a valid mode; choose one of: {choices}."]})
        return requested

    def get_serializer_class(self):
        return self.resource.serializer_for(self.mode)

    def get_queryset(self):
        if not self.eager_loading:
            return self.queryset.all()
        return joined(self.queryset, self.get_serializer_class()())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.eager_loading:
            load_nested(page, self.get_serializer_class()())
        return page

    def filter_queryset(self, queryset):
        """DRF's filtering, in which the filterset only runs when the request names one of its filters
        (it builds a form of every filter for each request: most of a small page's cost)."""
        for backend in self.filter_backends:
            if issubclass(backend, DjangoFilterBackend) and not self.filtered():
                continue
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def filtered(self):
        filters = self.filterset_class.base_filters if self.filterset_class else {}
        return any(name in filters for name in self.request.query_params)

    def get_object(self):
        instance = super().get_object()
        if self.eager_loading:
            load_nested([instance], self.get_serializer_class()())
        return instance

    def list(self, request, *args, **kwargs):
        item = self.stored_component()
        if item is None:
            return super().list(request, *args, **kwargs)
        rows = self.selected_rows
        answer = self.stored_answer(item, lambda: (rows, store.starting_version()), self.stored_page)
        return super().list(request, *args, **kwargs) if answer is None else answer

    def stored_page(self, item, rows, version):
        """The page's JSON. A page whose rows and shape only a write changes (no filter, no clock), asked
        again at the same data version, is the bytes this process made for it the first time."""
        request = self.request
        key = self.remembered_as()
        remembered = store.remembered(version)
        same_page = None if key is None or item.time_relative else (self.origin.key, request.get_full_path())
        if same_page is not None and (body := remembered.get("page", same_page)) is not None:
            return body
        ids = rows.values_list("pk", flat=True) if key is None else store.RememberedIds(rows, key, version)
        page = [str(pk) for pk in self.paginator.paginate_queryset(ids, request, view=self)]
        assembly = store.Assembly(version)
        assembly.load(item, page)
        envelope = JSONRenderer().render(self.paginator.get_paginated_response([]).data)
        if not envelope.endswith(b"[]}"):
            raise ValueError(f"unexpected page envelope: {envelope[-40:]!r}")
        origin = self.origin
        # The page's bytes are copied once, by the one join.
        pieces = [envelope[:-2]]
        for index, pk in enumerate(page):
            if index:
                pieces.append(b",")
            pieces.append(assembly.json_with_links(item, pk, origin))
        pieces.append(b"]}")
        body = b"".join(pieces)
        if same_page is not None:
            remembered.keep("page", same_page, body, len(body))
        return body

    def retrieve(self, request, *args, **kwargs):
        item = self.stored_component()
        if item is None:
            return super().retrieve(request, *args, **kwargs)
        lookup = str(kwargs[self.lookup_url_kwarg or self.lookup_field])
        answer = self.stored_answer(item, lambda: self.stored_lookup(lookup), self.stored_object)
        return super().retrieve(request, *args, **kwargs) if answer is None else answer

    def stored_answer(self, item, locate, make):
        """The stored answer, or None if the data kept moving while it was read (the serializers answer).

        `locate()` gives what to read (a page's rows, an object's id) and the data version;
        `make(item, what, version)` the body, read again while a write commits under it.
        """
        for _ in range(READ_ATTEMPTS):
            what, version = locate()
            etag = self.stored_etag(item, version)
            if not_modified := self.not_modified(etag):
                if store.confirmed(version):
                    return not_modified
                continue
            body = store.read_consistently(version, make, item, what, version)
            if body is not None:
                return self.stored_response(body, etag)
        return None

    def stored_object(self, item, pk, version):
        assembly = store.Assembly(version)
        assembly.load(item, [pk])
        return assembly.json_with_links(item, pk, self.origin)

    def stored_lookup(self, lookup):
        """(id, data version) of the requested object: the object's id and the data version in one query
        (filters and search apply to a single object too); or the data version alone once this process
        has found the object at that version, where it may remember it (`remembered_as`)."""
        key = self.remembered_as()
        if key is not None and (version := store.found_before((key, lookup))) is not None:
            return lookup, version
        found = store.with_data_version(self.selected_rows, "pk")
        pk, version = generics.get_object_or_404(found, pk=lookup)
        if key is not None and str(pk) == lookup:
            store.remember_found((key, lookup), version)
        return str(pk), version

    @cached_property
    def selected_rows(self):
        """The endpoint's rows under the request's filters, search and ordering: a queryset, not read."""
        return self.filter_queryset(self.queryset.all())

    def remembered_as(self):
        """The key under which this process may remember which rows this request selects (a list's
        count and page ids, a single object's existence) until the data version moves: the endpoint with
        the request's filters, search and ordering. None where the rows may change with the clock alone:
        a subset such as `upcoming`, or a filter that compares with the time (`Now()` in its query)."""
        if self.resource.subset is not None:
            return None
        # Only a filtered request's query is searched for `Now()`: building the unfiltered one would run
        # the filter backends for every remembered single object (about 40 µs each).
        if self.filtered() and store.reads_clock(self.selected_rows.query):
            return None
        selecting = [(name, tuple(values)) for name, values in self.request.query_params.lists()
                     if name not in ("limit", "offset", "mode", "format")]
        return (self.resource.version, self.resource.path, tuple(sorted(selecting)))

    def stored_component(self):
        """The store's component for this request, or None where the serializers answer: the store
        is off, the answer is not JSON (the browsable API) or is indented JSON."""
        if not settings.REPRESENTATION_STORE or not self.eager_loading:
            return None
        if not isinstance(self.request.accepted_renderer, JSONRenderer):
            return None
        if "indent" in parse_header_parameters(self.request.accepted_media_type)[1]:
            return None
        return store.component(self.get_serializer_class(), self.resource.version)

    @cached_property
    def origin(self):
        """The request's origin, for the self links of stored JSON."""
        return store.Origin(self.request)

    def stored_etag(self, item, version):
        """From what the answer depends on: the data version, the shape, the request (origin, path,
        query, format) and, for lists of what is upcoming or under way, the time window."""
        request = self.request
        parts = [str(version), item.digest, self.origin.origin.decode(), request.get_full_path(),
                 request.accepted_media_type]
        if item.time_relative or self.resource.subset:
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

    def stored_response(self, body, etag):
        """The stored body, with the headers that the serializers' answer has (DRF's response renders
        JSON as `application/json`), but for the ETag, which comes from what the answer depends on."""
        response = HttpResponse(body, content_type=self.request.accepted_renderer.media_type)
        response["ETag"] = etag
        return response
