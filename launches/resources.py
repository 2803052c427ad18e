from launches import models
from launches.filters import AstronautFilter, MissionPatchFilter
from launches.serializers.astronauts import AstronautDetailed, AstronautRole, AstronautStatus, AstronautType
from launches.serializers.endpoints import (
    AstronautEndpointDetailed,
    AstronautEndpointNormal,
    CelestialBodyEndpointDetailed,
    MissionPatchDetailed,
)
from launches.serializers.launches import MissionPatch, ProgramMini, ProgramNormal, ProgramType
from launches.serializers.places import CelestialBodyMini, CelestialBodyNormal, CelestialBodyType
from lldapi.api.registry import Embedded, Resource, registry

registry.register(
    Resource(
        path="celestial_bodies",
        model=models.CelestialBody,
        modes={"list": CelestialBodyMini, "normal": CelestialBodyNormal, "detailed": CelestialBodyEndpointDetailed},
        search_fields=("name", "type__name"),
        ordering_fields=("id", "name"),
    ),
    Resource(
        path="config/celestial_body_types",
        model=models.CelestialBodyType,
        serializer=CelestialBodyType,
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

# The launch world, linked to from every flight, landing and crew: not served yet.
registry.embed(
    Embedded("events", models.Event),
    Embedded("landings", models.Landing),
    Embedded("launcher_configurations", models.LauncherConfig),
    Embedded("launchers", models.Launcher),
    Embedded("launches", models.Launch),
    Embedded("locations", models.Location),
    Embedded("pads", models.Pad),
)
