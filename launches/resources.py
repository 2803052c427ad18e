from launches import filters, models
from launches.serializers.endpoints import (
    CelestialBodyEndpointDetailed,
    LandingEndpointDetailed,
    LandingEndpointList,
    LandingEndpointNormal,
    LauncherDetailed,
    LocationSerializerWithPads,
)
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
from launches.serializers.launches import LauncherConfigFamilyMini, LauncherConfigList
from launches.serializers.places import (
    CelestialBodyMini,
    CelestialBodyNormal,
    CelestialBodyType,
    LandingLocation,
    LandingType,
    Location,
    Pad,
)
from lldapi.api.registry import Embedded, Resource, registry

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
)

# The launch world, linked to from every flight, landing and crew: not served yet.
registry.embed(
    Embedded("astronauts", models.Astronaut),
    Embedded("launches", models.Launch),
    Embedded("programs", models.Program),
)
