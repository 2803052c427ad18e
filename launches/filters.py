import django_filters
from django.db.models import Q
from django.db.models.functions import Now

from launches.models import Astronaut, Event, Launch, Location, MissionPatch, Program
from lldapi.api.filters import (
    COMPARISONS,
    BooleanFilter,
    CharListFilter,
    ContainsFilter,
    FilterSet,
    NumberListFilter,
    ObjectsFilter,
)

# LL2's astronaut type of the animals it lists beside people.
NON_HUMAN = "Non-Human"


class AstronautFilter(FilterSet):
    agency_ids = NumberListFilter(field_name="agency__id")
    # An astronaut has flown once a first flight is known: `first_flight` is in every shape of an
    # astronaut, where the list of flights is only in the detailed one.
    has_flown = BooleanFilter(field_name="first_flight", lookup_expr="isnull", exclude=True)
    is_human = BooleanFilter(method="human")
    # A nationality as LL2 names it ("American"), in any case.
    nationality = django_filters.CharFilter(
        field_name="nationality__nationality_name", lookup_expr="iexact", distinct=True
    )
    status_ids = NumberListFilter(field_name="status__id")

    class Meta:
        model = Astronaut
        fields = {
            "age": COMPARISONS,
            "date_of_birth": COMPARISONS,
            "date_of_death": COMPARISONS,
            "first_flight": COMPARISONS,
            "flights_count": COMPARISONS,
            "in_space": ["exact"],
            "landings_count": COMPARISONS,
            "last_flight": COMPARISONS,
            "type__id": ["exact"],
        }

    def human(self, queryset, name, value):
        """Astronauts of any type but LL2's non-human one (an astronaut of no type is taken as human)."""
        non_human = queryset.filter(type__name=NON_HUMAN)
        return queryset.exclude(pk__in=non_human.values("pk")) if value else non_human


class MissionPatchFilter(FilterSet):
    agency__name__contains = ContainsFilter(field_name="agency__name")
    ids = NumberListFilter(field_name="id")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = MissionPatch
        fields = ["agency__id", "agency__name", "id", "name"]


class UUIDListFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """`id=<uuid>,<uuid>`: any of a comma-separated list of UUIDs."""


# LL2's orbit of the launches that do not reach orbit, which `include_suborbital=false` leaves out.
SUBORBITAL = "Sub"

LAUNCH_COUNTS = [
    "orbital_launch_attempt_count", "location_launch_attempt_count", "pad_launch_attempt_count",
    "agency_launch_attempt_count", "orbital_launch_attempt_count_year", "location_launch_attempt_count_year",
    "pad_launch_attempt_count_year", "agency_launch_attempt_count_year",
]


class LaunchFilter(FilterSet):
    id = UUIDListFilter()
    day = NumberListFilter(field_name="net", lookup_expr="day__in")
    month = NumberListFilter(field_name="net", lookup_expr="month__in")
    year = NumberListFilter(field_name="net", lookup_expr="year__in")
    include_suborbital = BooleanFilter(method="suborbital")
    is_crewed = BooleanFilter(method="crewed")
    launch_designator = CharListFilter()
    launcher_config__id = NumberListFilter(field_name="rocket__configuration__id")
    location__ids = NumberListFilter(field_name="pad__location__id")
    lsp__id = NumberListFilter(field_name="launch_service_provider__id")
    lsp__name = CharListFilter(field_name="launch_service_provider__name")
    mission__orbit__name__icontains = django_filters.CharFilter(
        field_name="mission__orbit__name", lookup_expr="icontains"
    )
    pad__location = django_filters.ModelChoiceFilter(queryset=Location.objects.all())
    program = ObjectsFilter(queryset=Program.objects.all())
    related_lsp__id = NumberListFilter(method="related_lsp")
    related_lsp__name = CharListFilter(method="related_lsp")
    rocket__configuration__full_name__icontains = django_filters.CharFilter(
        field_name="rocket__configuration__full_name", lookup_expr="icontains"
    )
    rocket__configuration__manufacturer__name__icontains = django_filters.CharFilter(
        field_name="rocket__configuration__manufacturer__name", lookup_expr="icontains"
    )
    rocket__spacecraftflight__spacecraft__id = django_filters.NumberFilter(distinct=True)
    rocket__spacecraftflight__spacecraft__name = django_filters.CharFilter(distinct=True)
    rocket__spacecraftflight__spacecraft__name__icontains = django_filters.CharFilter(
        field_name="rocket__spacecraftflight__spacecraft__name", lookup_expr="icontains", distinct=True
    )
    serial_number = CharListFilter(field_name="rocket__launcher_stage__launcher__serial_number", distinct=True)
    spacecraft_config__ids = NumberListFilter(
        field_name="rocket__spacecraftflight__spacecraft__spacecraft_config__id", distinct=True
    )
    status__ids = NumberListFilter(field_name="status__id")
    video_url = CharListFilter(field_name="vid_urls__url", distinct=True)

    class Meta:
        model = Launch
        fields = {
            **dict.fromkeys(LAUNCH_COUNTS, COMPARISONS),
            "last_updated": ["gte", "lte"],
            "mission__orbit__celestial_body__id": ["exact"],
            "mission__orbit__name": ["exact"],
            "name": ["exact"],
            "net": ["gt", "gte", "lt", "lte"],
            "pad": ["exact"],
            "pad__location__celestial_body__id": ["exact"],
            "rocket__configuration__full_name": ["exact"],
            "rocket__configuration__id": ["exact"],
            "rocket__configuration__manufacturer__name": ["exact"],
            "rocket__configuration__name": ["exact"],
            "slug": ["exact"],
            "status": ["exact"],
            "window_end": ["gt", "gte", "lt", "lte"],
            "window_start": ["gt", "gte", "lt", "lte"],
        }

    def suborbital(self, queryset, name, value):
        """All launches, or (false) all but those whose mission's orbit is LL2's suborbital one."""
        return queryset if value else queryset.exclude(mission__orbit__abbrev=SUBORBITAL)

    def crewed(self, queryset, name, value):
        """Launches that carry a spacecraft with a launch crew, or (false) the others."""
        crewed = queryset.filter(rocket__spacecraftflight__launch_crew__isnull=False)
        return queryset.filter(pk__in=crewed.values("pk")) if value else queryset.exclude(pk__in=crewed.values("pk"))

    def related_lsp(self, queryset, name, values):
        """Launches whose provider is one of these agencies (ids or names), or a child of one of them."""
        key = name.removeprefix("related_lsp__")
        return queryset.filter(
            Q(**{f"launch_service_provider__{key}__in": values})
            | Q(**{f"launch_service_provider__parent_agency__{key}__in": values})
        )


class UpcomingLaunchFilter(LaunchFilter):
    hide_recent_previous = BooleanFilter(method="hide_recent")

    def hide_recent(self, queryset, name, value):
        """Without the launches of the last 24 hours that the upcoming list includes by default."""
        return queryset.filter(net__gte=Now()) if value else queryset


class EventFilter(FilterSet):
    agency__ids = NumberListFilter(field_name="agencies__id", distinct=True)
    # LL2 names "date is less than" `date__gt__lt`.
    date__gt__lt = django_filters.DateTimeFilter(field_name="date", lookup_expr="lt")
    day = NumberListFilter(field_name="date", lookup_expr="day__in")
    month = NumberListFilter(field_name="date", lookup_expr="month__in")
    year = NumberListFilter(field_name="date", lookup_expr="year__in")
    id = NumberListFilter()
    program = ObjectsFilter(queryset=Program.objects.all())
    type__ids = NumberListFilter(field_name="type__id")
    video_url = CharListFilter(field_name="vid_urls__url", distinct=True)

    class Meta:
        model = Event
        fields = {
            "date": ["gt", "gte", "lte"],
            "last_updated": ["gte", "lte"],
            "slug": ["exact"],
            "type": ["exact"],
        }


class UpcomingEventFilter(EventFilter):
    hide_recent_previous = BooleanFilter(method="hide_recent")

    def hide_recent(self, queryset, name, value):
        """Without the events of the last 24 hours that the upcoming list includes by default."""
        return queryset.filter(date__gte=Now()) if value else queryset
