"""The registry of LL2 resources: every endpoint is declared once, and everything else reads it.

Each app declares its endpoints in its `resources.py` (found when Django starts): the path, the
serializer of each mode (its schema component), the filterset, search and ordering fields. From
the registry come the URL conf and the API root, the viewsets and their browsable documentation
(the published schema's text for the path), the "embedded but not served" answers for resources
that responses link to, the importer's choice of serializer for a page, and the generic tests that
every endpoint passes.
"""

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from django.urls import include, re_path
from django.urls import path as route
from rest_framework.routers import DefaultRouter, SimpleRouter
from rest_framework.settings import api_settings

from .calendars import CalendarRenderer
from .changes import CHANGE_LOG_VERSION, RecordDates, RecordHistory
from .errors import not_found, not_served
from .export import NDJSONRenderer
from .modes import ModeViewSet, ObjectViewSet

SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "ll2" / "openapi-2.3.0.json"
# The rest of an object's path after its endpoint's, as DRF's routers match it.
OBJECT_ID = re.compile(r"[^/.]+/")


@dataclass(eq=False)
class Resource:
    """One LL2 endpoint, `/{version}/{path}/` and its objects: the serializer of each `?mode=` (or one
    `serializer`), filters, search and ordering; a `subset` (`launches/upcoming`) lists some of another's rows.
    An endpoint with a `subject` answers one object of lists, not a page (`dashboard/starship`): its
    serializers show `subject()`, made at each request, and it has no objects of its own."""

    path: str
    model: type
    modes: dict = field(default_factory=dict)
    serializer: type | None = None
    queryset: object = None
    filterset_class: type | None = None
    search_fields: tuple = ()
    ordering_fields: tuple = ()
    ordering: tuple = ("id",)
    subset: str | None = None
    version: str = "2.3.0"
    description: str | None = None
    subject: Callable | None = None
    calendar: object = None  # a `Calendar`: the endpoint also answers `?format=ics`
    dates: tuple = ()  # fields whose values over time `{id}/dates/` shows, from the change log

    def __post_init__(self):
        if bool(self.modes) == bool(self.serializer):
            raise ValueError(f"{self.path}: give either `modes` or `serializer`")
        if self.queryset is None:
            self.queryset = self.model.objects.all()

    @property
    def basename(self):
        if self.subject is not None:
            return self.path.replace("/", "-")
        name = self.model._meta.model_name
        return f"{name}-{self.subset}" if self.subset else name

    @property
    def url(self):
        return f"/{self.version}/{self.path}/"

    @property
    def list_mode(self):
        return "normal" if self.modes else None

    @property
    def retrieve_mode(self):
        return ("detailed" if "detailed" in self.modes else "normal") if self.modes else None

    def serializer_for(self, mode):
        return self.modes[mode] if self.modes else self.serializer

    @property
    def renderers(self):
        """DRF's renderers, and for an endpoint of records its other formats: every record at once as
        NDJSON, and a calendar where it declares one."""
        others = [] if self.subject is not None else [NDJSONRenderer, *([CalendarRenderer] if self.calendar else [])]
        return [*api_settings.DEFAULT_RENDERER_CLASSES, *others]

    @cached_property
    def viewset(self):
        """The read-only viewset of this endpoint, named after its model as the browsable API titles it."""
        model = self.model
        if self.subject is not None:
            name = "".join(part.title() for part in reversed(self.path.split("/")))
        else:
            name = model._meta.verbose_name.title().replace(" ", "") + (self.subset or "").title()
        return type(
            f"{name}ViewSet",
            (ModeViewSet if self.subject is None else ObjectViewSet,),
            {
                "__module__": f"{model._meta.app_label}.resources",
                "__doc__": self.description or schema_description(self.url),
                "resource": self,
                "queryset": self.queryset,
                "filterset_class": self.filterset_class,
                "search_fields": list(self.search_fields),
                "ordering_fields": list(self.ordering_fields) or (["id"] if self.subject is None else []),
                "ordering": list(self.ordering),
                "renderer_classes": self.renderers,
            },
        )


@dataclass(frozen=True)
class Embedded:
    """An LL2 resource that responses embed and link to (`url`), but that this server does not serve."""

    path: str
    model: type
    version: str = "2.3.0"

    @property
    def basename(self):
        return self.model._meta.model_name


def schema_description(url):
    return published_schema()["paths"][url]["get"]["description"]


@cache
def published_schema():
    """LL2's published OpenAPI document of 2.3.0."""
    return json.loads(SCHEMA.read_text())


class Router(DefaultRouter):
    """DRF's router with its browsable API root; formats are chosen by `?format=`, as LL2 does."""

    include_format_suffixes = False


class Registry:
    def __init__(self):
        self.resources = []
        self.embedded = []

    def register(self, *resources):
        self.resources.extend(resources)

    def embed(self, *resources):
        self.embedded.extend(resources)

    def versions(self):
        return sorted({item.version for item in self.resources}, reverse=True)

    def served(self, version=None):
        return [r for r in self.resources if version in (None, r.version)]

    def paged(self, version=None):
        """The served endpoints that list records in pages (all but those of one object of lists)."""
        return [r for r in self.served(version) if r.subject is None]

    def path_of(self, model, version):
        """The path of `model`'s objects under `version`: the endpoint that lists them all, or the resource
        that responses link them to (`Embedded`); None for objects that only sit inside others."""
        for resource in self.paged(version):
            if resource.model is model and resource.subset is None:
                return resource.path
        return next((item.path for item in self.embedded if item.model is model and item.version == version), None)

    def resource_at(self, path):
        """The served resource at URL path `path`, and whether the path names one of its objects (an id
        as the routes take it: no `/` or `.`); (None, False) where no resource is."""
        for resource in self.resources:
            if path == resource.url:
                return resource, False
        for resource in self.resources:
            if path.startswith(resource.url) and OBJECT_ID.fullmatch(path, len(resource.url)):
                return resource, True
        return None, False

    def urlpatterns(self, version):
        """The API root and the endpoints of `version`, grouped by their path's first segment, a resource
        after those at its sub-paths (`launches/upcoming/`), then embedded-only resources, then a JSON 404."""
        served = self.served(version)

        def has_sub_paths(resource):
            return any(other.path.startswith(f"{resource.path}/") for other in served)

        root = Router()  # whose registry the API root lists
        groups = defaultdict(SimpleRouter)  # a path's first segment -> the routes under it
        for resource in sorted(served, key=has_sub_paths):
            root.register(resource.path, resource.viewset, basename=resource.basename)
            segment, _, rest = resource.path.partition("/")
            groups[segment].register(rest, resource.viewset, basename=resource.basename)
        embedded = [
            route(f"{item.path}/<str:pk>/", not_served, name=f"{item.basename}-detail")
            for item in self.embedded
            if item.version == version
        ]
        # Each record's entries in the change log, at `{id}/history/` of every endpoint that lists records.
        history = [
            route(f"{resource.path}/<str:pk>/history/", RecordHistory.as_view(resource=resource),
                  name=f"{resource.basename}-history")
            for resource in self.paged(version)
            if version == CHANGE_LOG_VERSION
        ] + [
            route(f"{resource.path}/<str:pk>/dates/", RecordDates.as_view(resource=resource),
                  name=f"{resource.basename}-dates")
            for resource in self.paged(version)
            if version == CHANGE_LOG_VERSION and resource.dates
        ]
        return [
            re_path(r"^$", root.get_api_root_view(), name=root.root_view_name),
            *history,
            *(route(f"{segment}/", include(router.urls)) for segment, router in groups.items()),
            *embedded,
            re_path(r"^(.*/)?$", not_found),
        ]


registry = Registry()
