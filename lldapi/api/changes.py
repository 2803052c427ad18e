"""The change log served (`lldapi.models.Change`): the feed `/2.3.0/changes/`, oldest first, each record's
`history/`, and for the endpoints that declare their `dates`, how those stood over time (`dates/`)."""

from functools import cached_property

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from django_filters import rest_framework as filters
from rest_framework import generics, pagination, serializers
from rest_framework.response import Response

from lldapi.models import Change

from .fields import record_url

# The API version whose records have a history, and under whose root the change feed sits.
CHANGE_LOG_VERSION = "2.3.0"


class ChangePage(pagination.CursorPagination):
    """Pages that follow the log by its ids, `limit` entries each: a client following `next` never misses
    or repeats an entry, as entries get their ids in the order they commit (imports and syncs take turns:
    `lldapi.importer.take_turn`)."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "limit"
    max_page_size = 1000


class ChangeEntry(serializers.ModelSerializer):
    """An entry of the log, with the link of the record it changed (none for a removal, or for a row of a
    kind that only sits inside others)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Change
        fields = ["id", "time", "endpoint", "model", "record", "url", "kind", "fields", "source"]

    def get_url(self, change):
        if change.endpoint is None or change.kind == Change.REMOVED:
            return None
        return record_url(self.context["request"], apps.get_model(change.model), change.record, CHANGE_LOG_VERSION)


class ChangeFilter(filters.FilterSet):
    endpoint = filters.CharFilter()
    record = filters.CharFilter()
    kind = filters.ChoiceFilter(choices=Change._meta.get_field("kind").choices)
    field = filters.CharFilter(field_name="fields", lookup_expr="has_key")
    since = filters.IsoDateTimeFilter(field_name="time", lookup_expr="gte")
    until = filters.IsoDateTimeFilter(field_name="time", lookup_expr="lt")

    class Meta:
        model = Change
        fields = []


class ChangeFeed(generics.ListAPIView):
    """
    What imports and syncs changed, oldest first: an entry per row created, updated or removed, with the
    fields that changed and their old and new values.

    Follow `next` to read on; filters: `endpoint`, `record` (an id), `kind` (`created`, `updated`,
    `removed`), `field` (entries that changed it), `since` and `until` (ISO 8601 times); `limit` (up to
    1000) entries a page.
    """

    queryset = Change.objects.all()
    serializer_class = ChangeEntry
    pagination_class = ChangePage
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ChangeFilter


class RecordHistory(generics.ListAPIView):
    """The entries of the change log of one record, oldest first."""

    serializer_class = ChangeEntry
    pagination_class = ChangePage
    resource = None  # the registry's `Resource` whose record it is

    def get_queryset(self):
        return Change.objects.filter(model=self.resource.model._meta.label, record=str(self.pk))

    def list(self, request, *args, **kwargs):
        self.check_record()
        return super().list(request, *args, **kwargs)

    @cached_property
    def pk(self):
        """The record's id as its column holds it (a UUID however the path writes it); a 404 if it is none."""
        try:
            return self.resource.model._meta.pk.to_python(self.kwargs["pk"])
        except ValidationError:
            raise Http404 from None

    def check_record(self):
        """A 404 for a record neither stored nor ever logged."""
        if not self.get_queryset().exists() and not self.resource.model.objects.filter(pk=self.pk).exists():
            raise Http404


class RecordDates(RecordHistory):
    """
    How a record's dates and status stood after each change of any of them, oldest first, with when this
    mirror published it: a launch's NET, window, status and probability over time (how its date slipped).
    A value the log has not seen since the record was first stored here is null.
    """

    pagination_class = None

    def list(self, request, *args, **kwargs):
        self.check_record()
        fields, model = self.resource.dates, self.resource.model
        state, results = dict.fromkeys(fields), []
        for change in self.get_queryset():
            changed = [name for name in fields if name in change.fields]
            if not changed and change.kind != Change.REMOVED:
                continue
            state.update((name, change.fields[name][1]) for name in changed)
            results.append({"time": change.time, "kind": change.kind, "changed": changed, **state,
                            "source": change.source})
        for name in fields:
            related = model._meta.get_field(name).related_model
            if related is not None:
                ids = {entry[name] for entry in results} - {None}
                names = dict(related.objects.filter(pk__in=ids).values_list("pk", "name"))
                for entry in results:
                    if entry[name] is not None:
                        entry[name] = {"id": entry[name], "name": names.get(entry[name])}
        return Response({"id": str(self.pk), "results": [
            {**entry, "time": serializers.DateTimeField().to_representation(entry["time"])} for entry in results]})
