from functools import cached_property

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from lldapi import store

from .eager import joined, load_nested
from .formats import MadeByView
from .shapes import shape_of


class Modes:
    """What every LL2 endpoint's view does: `?mode=` picks the serializer of its `resource`, and a
    request begins by checking the data version."""

    resource = None

    def initial(self, request, *args, **kwargs):
        store.send_version_check()
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


class ModeViewSet(Modes, viewsets.ReadOnlyModelViewSet):
    """A read-only LL2 endpoint of records; the store answers compact JSON for the rows it selects.
    `eager_loading = False` is the benchmark's naive baseline."""

    eager_loading = True

    @property
    def shape(self):
        return shape_of(self.get_serializer_class())

    def get_queryset(self):
        if not self.eager_loading:
            return self.queryset.all()
        return joined(self.queryset, self.shape)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.eager_loading:
            load_nested(page, self.shape)
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
            load_nested([instance], self.shape)
        return instance

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, MadeByView):
            return request.accepted_renderer.respond(self, self.selected_rows)
        stored = self.stored_answer()
        return super().list(request, *args, **kwargs) if stored is None else stored

    def retrieve(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, MadeByView):
            return request.accepted_renderer.respond(self, self.queryset.filter(pk=super().get_object().pk))
        stored = self.stored_answer(str(kwargs[self.lookup_url_kwarg or self.lookup_field]))
        return super().retrieve(request, *args, **kwargs) if stored is None else stored

    def handle_exception(self, exc):
        """Errors answer JSON, whatever the format asked for."""
        if isinstance(getattr(self.request, "accepted_renderer", None), MadeByView):
            self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

    def stored_answer(self, lookup=None):
        """The representation store's answer, or None where the serializers answer."""
        return store.answer(self, lookup) if self.eager_loading else None

    @cached_property
    def selected_rows(self):
        """The endpoint's rows under the request's filters, search and ordering: a queryset, not read."""
        return self.filter_queryset(self.queryset.all())


class ObjectViewSet(Modes, viewsets.GenericViewSet):
    """A read-only LL2 endpoint that answers one object of lists (its resource's `subject`), from the
    store where it can."""

    pagination_class = None
    filter_backends = []

    def list(self, request, *args, **kwargs):
        stored = store.answer(self)
        return Response(self.get_serializer(self.resource.subject()).data) if stored is None else stored
