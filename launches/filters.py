import django_filters
from django.db.models import Q
from django.db.models.functions import Now

from launches import models
from launches.models import Astronaut, Event, Launch, Location, MissionPatch, Program, Update
from launches.serializers.launchers import LAUNCH_COUNTS
from lldapi.api.filters import (
    COMPARISONS,
    BooleanFilter,
    CharListFilter,
    ContainsFilter,
    FilterSet,
    NumberListFilter,
    ObjectsFilter,
    UUIDListFilter,
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



# LL2's orbit of the launches that do not reach orbit, which `include_suborbital=false` leaves out.
SUBORBITAL = "Sub"

LAUNCH_ATTEMPT_COUNTS = [
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
            **dict.fromkeys(LAUNCH_ATTEMPT_COUNTS, COMPARISONS),
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


class LauncherConfigFilter(FilterSet):
    # `families=1&families=2`: in any of these families; `families__contains=1&families__contains=2`: in
    # all of them (the configuration's families contain every one). Likewise for programs.
    families = ObjectsFilter(queryset=models.LauncherConfigFamily.objects.all(), distinct=True)
    families__contains = ObjectsFilter(
        field_name="families", queryset=models.LauncherConfigFamily.objects.all(), conjoined=True
    )
    program = ObjectsFilter(queryset=models.Program.objects.all(), distinct=True)
    program__contains = ObjectsFilter(field_name="program", queryset=models.Program.objects.all(), conjoined=True)
    full_name__contains = ContainsFilter(field_name="full_name")
    manufacturer__name__contains = ContainsFilter(field_name="manufacturer__name")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.LauncherConfig
        fields = {
            "active": ["exact"],
            "full_name": ["exact"],
            "is_placeholder": ["exact"],
            "maiden_flight": COMPARISONS,
            "manufacturer__name": ["exact"],
            "name": ["exact"],
            **dict.fromkeys(LAUNCH_COUNTS, COMPARISONS),
        }


class LauncherConfigFamilyFilter(FilterSet):
    manufacturer__abbrev = django_filters.CharFilter(distinct=True)
    manufacturer__abbrev__contains = ContainsFilter(field_name="manufacturer__abbrev", distinct=True)
    # Families with a manufacturer of that country (an alpha-3 code; a comma-separated list: any of them).
    manufacturer__country_code = CharListFilter(field_name="manufacturer__country__alpha_3_code", distinct=True)
    manufacturer__id = django_filters.NumberFilter(distinct=True)
    # The manufacturer's id written in decimal contains these digits, as Django's `contains` reads a number.
    manufacturer__id__contains = django_filters.NumberFilter(
        field_name="manufacturer__id", lookup_expr="contains", distinct=True
    )
    manufacturer__name = django_filters.CharFilter(distinct=True)
    manufacturer__name__contains = ContainsFilter(field_name="manufacturer__name", distinct=True)
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.LauncherConfigFamily
        fields = {
            "maiden_flight": COMPARISONS,
            "name": ["exact"],
            **dict.fromkeys(LAUNCH_COUNTS, COMPARISONS),
        }


class LauncherFilter(FilterSet):
    launcher_config__ids = NumberListFilter(field_name="launcher_config__id")
    launcher_config__manufacturer__name__contains = ContainsFilter(field_name="launcher_config__manufacturer__name")
    serial_number__contains = ContainsFilter(field_name="serial_number")

    class Meta:
        model = models.Launcher
        fields = {
            "attempted_landings": COMPARISONS,
            "first_launch_date": ["exact"],
            "flight_proven": ["exact"],
            "flights": COMPARISONS,
            "id": ["exact", "contains"],
            "is_placeholder": ["exact"],
            "last_launch_date": ["exact"],
            "launcher_config__manufacturer__name": ["exact"],
            "serial_number": ["exact"],
            "status": ["exact"],
            "successful_landings": COMPARISONS,
        }


class PadFilter(FilterSet):
    agencies_ids = NumberListFilter(field_name="agencies__id", distinct=True)
    location__name__contains = ContainsFilter(field_name="location__name")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.Pad
        fields = {
            "id": ["exact", "contains"],
            "latitude": ["gt", "gte", "lt", "lte"],
            "location__id": ["exact"],
            "location__name": ["exact"],
            "longitude": ["gt", "gte", "lt", "lte"],
            "name": ["exact"],
            "orbital_launch_attempt_count": COMPARISONS,
            "total_launch_count": COMPARISONS,
        }


class LocationFilter(FilterSet):
    # By the alpha-3 code of the location's country; a comma-separated list: any of them.
    country_code = CharListFilter(field_name="country__alpha_3_code")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.Location
        fields = {
            "id": ["exact"],
            "name": ["exact"],
            "total_landing_count": COMPARISONS,
            "total_launch_count": COMPARISONS,
        }


class LandingFilter(FilterSet):
    """A landing ends a first stage, a spacecraft flight or a payload flight: the first-stage filters
    select landings of first stages, the spacecraft filters landings of spacecraft flights."""

    firststage_launch__ids = UUIDListFilter(field_name="firststage__rocket__launch__id")
    landing_location__ids = NumberListFilter(field_name="landing_location__id")
    landing_type__ids = NumberListFilter(field_name="type__id")
    launcher__ids = NumberListFilter(field_name="firststage__launcher__id")
    # The configuration of the landing stage's launcher (the booster), not that of the launch's rocket.
    launcher_config__ids = NumberListFilter(field_name="firststage__launcher__launcher_config__id")
    launcher_serial_numbers = CharListFilter(field_name="firststage__launcher__serial_number")
    spacecraft__ids = NumberListFilter(field_name="spacecraftflight__spacecraft__id")
    spacecraft_config__ids = NumberListFilter(field_name="spacecraftflight__spacecraft__spacecraft_config__id")
    spacecraft_launch__ids = UUIDListFilter(field_name="spacecraftflight__launch__id")

    class Meta:
        model = models.Landing
        fields = ["attempt", "success"]


class UpdateFilter(FilterSet):
    class Meta:
        model = Update
        fields = {
            "created_on": ["exact"],
            "launch": ["exact"],
            "launch__launch_service_provider": ["exact"],
            "program": ["exact"],
        }
