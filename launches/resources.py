from dataclasses import dataclass, replace
from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Now

from launches import filters, models
from launches.calendars import EVENT_CALENDAR, LAUNCH_CALENDAR
from launches.filters import (
    AstronautFilter,
    EventFilter,
    LaunchFilter,
    MissionPatchFilter,
    UpcomingEventFilter,
    UpcomingLaunchFilter,
    UpdateFilter,
)
from launches.serializers.astronauts import AstronautDetailed, AstronautRole, AstronautStatus, AstronautType
from launches.serializers.endpoints import (
    AstronautEndpointDetailed,
    AstronautEndpointNormal,
    CelestialBodyEndpointDetailed,
    EventEndpointDetailed,
    EventEndpointList,
    EventEndpointNormal,
    LandingEndpointDetailed,
    LandingEndpointList,
    LandingEndpointNormal,
    LaunchDetailed,
    LauncherDetailed,
    LocationSerializerWithPads,
    MissionPatchDetailed,
)
from launches.serializers.events import EventType
from launches.serializers.launchers import (
    FirstStageType,
    LauncherConfigDetailed,
    LauncherConfigFamilyDetailed,
    LauncherConfigFamilyNormal,
    LauncherConfigNormal,
    LauncherMini,
    LauncherNormal,
    LauncherStatus,
)
from launches.serializers.launches import (
    InfoURLType,
    Language,
    LaunchBasic,
    LauncherConfigFamilyMini,
    LauncherConfigList,
    LaunchNormal,
    LaunchStatus,
    MissionPatch,
    MissionType,
    NetPrecision,
    Orbit,
    ProgramMini,
    ProgramNormal,
    ProgramType,
    TimelineEventType,
    Update,
    VidURLType,
)
from launches.serializers.places import (
    CelestialBodyMini,
    CelestialBodyNormal,
    CelestialBodyType,
    LandingLocation,
    LandingType,
    Location,
    Pad,
)
from launches.serializers.starbase import NoticeType, RoadClosureStatus
from lldapi.api.registry import Resource, registry

LAUNCH_COUNT_ORDERING = (
    "attempted_landings", "consecutive_successful_landings", "consecutive_successful_launches", "failed_landings",
    "failed_launches", "name", "pending_launches", "successful_landings", "successful_launches", "total_launch_count",
)

registry.register(
    Resource(
        path="celestial_bodies",
        model=models.CelestialBody,
        modes={"list": CelestialBodyMini, "normal": CelestialBodyNormal, "detailed": CelestialBodyEndpointDetailed},
        search_fields=("name", "type__name"),
        ordering_fields=("id", "name"),
    ),
    Resource(
        path="landings",
        model=models.Landing,
        modes={"list": LandingEndpointList, "normal": LandingEndpointNormal, "detailed": LandingEndpointDetailed},
        filterset_class=filters.LandingFilter,
        search_fields=(
            "firststage__launcher__launcher_config__name", "firststage__launcher__serial_number",
            "firststage__rocket__launch__name", "landing_location__abbrev", "landing_location__name",
            "spacecraftflight__rocket__launch__name", "spacecraftflight__spacecraft__name",
            "spacecraftflight__spacecraft__serial_number", "spacecraftflight__spacecraft__spacecraft_config__name",
        ),
        ordering_fields=("downrange_distance", "id"),
    ),
    Resource(
        path="launcher_configuration_families",
        model=models.LauncherConfigFamily,
        modes={
            "list": LauncherConfigFamilyMini,
            "normal": LauncherConfigFamilyNormal,
            "detailed": LauncherConfigFamilyDetailed,
        },
        filterset_class=filters.LauncherConfigFamilyFilter,
        search_fields=("manufacturer__abbrev", "manufacturer__name", "name"),
        ordering_fields=LAUNCH_COUNT_ORDERING,
    ),
    Resource(
        path="launcher_configurations",
        model=models.LauncherConfig,
        modes={"list": LauncherConfigList, "normal": LauncherConfigNormal, "detailed": LauncherConfigDetailed},
        filterset_class=filters.LauncherConfigFilter,
        search_fields=("full_name", "manufacturer__abbrev", "manufacturer__name", "name"),
        ordering_fields=(
            *LAUNCH_COUNT_ORDERING, "gto_capacity", "launch_cost", "launch_mass", "leo_capacity", "maiden_flight",
        ),
        ordering=("name",),  # LL2's own order (corpus 025)
    ),
    Resource(
        path="launchers",
        model=models.Launcher,
        modes={"list": LauncherMini, "normal": LauncherNormal, "detailed": LauncherDetailed},
        filterset_class=filters.LauncherFilter,
        search_fields=("serial_number", "status__name"),
        ordering_fields=("attempted_landings", "flight_proven", "flights", "id", "successful_landings"),
    ),
    Resource(
        path="locations",
        model=models.Location,
        modes={"normal": Location, "detailed": LocationSerializerWithPads},
        filterset_class=filters.LocationFilter,
        search_fields=("country__alpha_3_code", "name"),
        ordering_fields=("total_landing_count", "total_launch_count"),
    ),
    Resource(
        path="pads",
        model=models.Pad,
        serializer=Pad,
        filterset_class=filters.PadFilter,
        search_fields=("location__name", "name", "orbital_launch_attempt_count", "total_launch_count"),
        ordering_fields=("id", "location__id", "location__name", "name", "orbital_launch_attempt_count",
                         "total_launch_count"),
    ),
    # Lookups: one shape each, no filters.
    Resource(
        path="config/celestial_body_types",
        model=models.CelestialBodyType,
        serializer=CelestialBodyType,
    ),
    Resource(
        path="config/first_stage_types",
        model=models.FirstStageType,
        serializer=FirstStageType,
    ),
    Resource(
        path="config/landing_locations",
        model=models.LandingLocation,
        serializer=LandingLocation,
    ),
    Resource(
        path="config/landing_types",
        model=models.LandingType,
        serializer=LandingType,
    ),
    Resource(
        path="config/launcher_statuses",
        model=models.LauncherStatus,
        serializer=LauncherStatus,
    ),
    Resource(
        path="astronauts",
        model=models.Astronaut,
        # LL2's list mode is the shape that crews embed, which its schema names AstronautDetailed.
        modes={"list": AstronautDetailed, "normal": AstronautEndpointNormal, "detailed": AstronautEndpointDetailed},
        filterset_class=AstronautFilter,
        search_fields=("agency__abbrev", "agency__name", "name", "nationality__nationality_name"),
        ordering_fields=(
            "age", "date_of_birth", "eva_time", "flights_count", "id", "landings_count", "last_flight", "name",
            "spacewalks_count", "status", "time_in_space",
        ),
    ),
    Resource(
        path="programs",
        model=models.Program,
        modes={"list": ProgramMini, "normal": ProgramNormal},
    ),
    Resource(
        path="mission_patches",
        model=models.MissionPatch,
        modes={"normal": MissionPatch, "detailed": MissionPatchDetailed},
        filterset_class=MissionPatchFilter,
        search_fields=("agency__name", "name"),
        ordering_fields=("agency__name", "id", "name", "priority"),
    ),
    Resource(
        path="config/program_types",
        model=models.ProgramType,
        serializer=ProgramType,
    ),
    Resource(
        path="config/astronaut_roles",
        model=models.AstronautRole,
        serializer=AstronautRole,
    ),
    Resource(
        path="config/astronaut_statuses",
        model=models.AstronautStatus,
        serializer=AstronautStatus,
    ),
    Resource(
        path="config/astronaut_types",
        model=models.AstronautType,
        serializer=AstronautType,
    ),
)

# Upcoming and previous launches and events, by the database's clock at the time of each query: the
# upcoming ones from 24 hours ago on (LL2 keeps the last day's in the list unless
# `hide_recent_previous` is given), the previous ones before now.
RECENT = timedelta(hours=24)


@dataclass(frozen=True)
class When:
    """Upcoming (`later`) or previous, at the time of each query: the rows' condition on their `moment`
    field, and their order (ties by id, as every ordering here)."""

    later: bool

    def condition(self, moment):
        return Q(**{f"{moment}__gte": Now() - RECENT}) if self.later else Q(**{f"{moment}__lt": Now()})

    def order(self, moment):
        return (moment,) if self.later else (f"-{moment}",)


UPCOMING, PREVIOUS = When(later=True), When(later=False)


def with_upcoming_and_previous(resource, moment, upcoming_filterset, upcoming_search=None):
    """`resource` and its sub-lists at `upcoming/` (by `moment` ascending, with `upcoming_filterset` and
    `upcoming_search` where LL2 documents others) and `previous/` (by `moment` descending)."""
    model = resource.model
    return (
        resource,
        replace(
            resource,
            path=f"{resource.path}/upcoming",
            subset="upcoming",
            queryset=model.objects.filter(UPCOMING.condition(moment)),
            filterset_class=upcoming_filterset,
            search_fields=upcoming_search or resource.search_fields,
            ordering=UPCOMING.order(moment),
        ),
        replace(
            resource,
            path=f"{resource.path}/previous",
            subset="previous",
            queryset=model.objects.filter(PREVIOUS.condition(moment)),
            ordering=PREVIOUS.order(moment),
        ),
    )


LAUNCH_MODES = {"list": LaunchBasic, "normal": LaunchNormal, "detailed": LaunchDetailed}
LAUNCH_SEARCH = (
    "launch_designator", "launch_service_provider__name", "mission__name", "name", "pad__location__name",
    "pad__name", "rocket__configuration__manufacturer__abbrev", "rocket__configuration__manufacturer__name",
    "rocket__configuration__name", "rocket__spacecraftflight__spacecraft__name",
)
LAUNCH_ORDERING = ("id", "last_updated", "name", "net")
EVENT_MODES = {"list": EventEndpointList, "normal": EventEndpointNormal, "detailed": EventEndpointDetailed}

registry.register(
    *with_upcoming_and_previous(
        Resource(
            path="launches",
            model=models.Launch,
            modes=LAUNCH_MODES,
            calendar=LAUNCH_CALENDAR,
            dates=("net", "window_start", "window_end", "status", "probability"),
            filterset_class=LaunchFilter,
            search_fields=LAUNCH_SEARCH,
            ordering_fields=LAUNCH_ORDERING,
            ordering=("net",),
        ),
        "net",
        UpcomingLaunchFilter,
        # LL2 does not search upcoming launches by their designator.
        upcoming_search=tuple(field for field in LAUNCH_SEARCH if field != "launch_designator"),
    ),
    *with_upcoming_and_previous(
        Resource(
            path="events",
            model=models.Event,
            modes=EVENT_MODES,
            calendar=EVENT_CALENDAR,
            filterset_class=EventFilter,
            search_fields=("name",),
            ordering_fields=("date", "last_updated"),
            ordering=("date",),
        ),
        "date",
        UpcomingEventFilter,
    ),
    *(
        Resource(path=f"config/{path}", model=serializer.Meta.model, serializer=serializer)
        for path, serializer in [
            ("launch_statuses", LaunchStatus),
            ("net_precisions", NetPrecision),
            ("orbits", Orbit),
            ("mission_types", MissionType),
            ("infourl_types", InfoURLType),
            ("vidurl_types", VidURLType),
            ("languages", Language),
            ("timeline_event_types", TimelineEventType),
            ("event_types", EventType),
            ("notice_types", NoticeType),
            ("road_closure_statuses", RoadClosureStatus),
        ]
    ),
    Resource(
        path="updates",
        model=models.Update,
        serializer=Update,
        filterset_class=UpdateFilter,
        ordering_fields=("created_on",),
        # Newest first, ties by the newest id, as a real 2.2.0 page and the nested lists order them.
        ordering=("-created_on", "-id"),
    ),
)
