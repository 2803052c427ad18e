from agencies.models import Agency
from launches.models import Launch, LauncherConfig, Location, Pad, Program
from lldapi.api.registry import Embedded, Resource, registry
from spacecraft import models
from spacecraft.filters import (
    SpacecraftConfigFamilyFilter,
    SpacecraftConfigFilter,
    SpacecraftFilter,
    SpacecraftFlightFilter,
)
from spacecraft.serializers import v2_0_0
from spacecraft.serializers.configurations import (
    SpacecraftConfigDetailed,
    SpacecraftConfigFamilyMini,
    SpacecraftConfigFamilyNormal,
    SpacecraftConfigNormal,
    SpacecraftConfigType,
)
from spacecraft.serializers.endpoints import (
    SpacecraftConfigFamilyEndpointDetailed,
    SpacecraftEndpointDetailed,
    SpacecraftFlightDetailed,
)
from spacecraft.serializers.spacecraft import SpacecraftFlightNormal, SpacecraftNormal, SpacecraftStatus

registry.register(
    Resource(
        path="spacecraft",
        model=models.Spacecraft,
        modes={"normal": SpacecraftNormal, "detailed": SpacecraftEndpointDetailed},
        filterset_class=SpacecraftFilter,
        search_fields=("name", "spacecraft_config__name"),
        ordering_fields=("flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"),
    ),
    Resource(
        path="spacecraft_flights",
        model=models.SpacecraftFlight,
        modes={"normal": SpacecraftFlightNormal, "detailed": SpacecraftFlightDetailed},
        filterset_class=SpacecraftFlightFilter,
    ),
    Resource(
        path="spacecraft_configurations",
        model=models.SpacecraftConfig,
        modes={"normal": SpacecraftConfigNormal, "detailed": SpacecraftConfigDetailed},
        filterset_class=SpacecraftConfigFilter,
        search_fields=("agency__abbrev", "agency__name", "name"),
        ordering_fields=("name",),
        ordering=("name",),  # LL2's own order (corpus 018)
    ),
    Resource(
        path="spacecraft_configuration_families",
        model=models.SpacecraftConfigFamily,
        modes={
            "list": SpacecraftConfigFamilyMini,
            "normal": SpacecraftConfigFamilyNormal,
            "detailed": SpacecraftConfigFamilyEndpointDetailed,
        },
        filterset_class=SpacecraftConfigFamilyFilter,
        search_fields=("manufacturer__abbrev", "manufacturer__name", "name"),
        ordering_fields=("name",),
    ),
    Resource(
        path="config/spacecraft_configuration_types",
        model=models.SpacecraftConfigType,
        serializer=SpacecraftConfigType,
    ),
    Resource(
        path="config/spacecraft_statuses",
        model=models.SpacecraftStatus,
        serializer=SpacecraftStatus,
    ),
    # LL2 2.0.0's `/spacecraft/flight/`, which clients written for 2.0.0 still call: one shape for
    # lists and single flights, and LL2 2.0.0's own documentation text.
    Resource(
        version="2.0.0",
        path="spacecraft/flight",
        model=models.SpacecraftFlight,
        serializer=v2_0_0.SpacecraftFlight,
        filterset_class=SpacecraftFlightFilter,
        description=(
            "API endpoint that allows a flight of a specific Spacecraft instances to be viewed.\n\n"
            "GET: Return a list of all the existing Spacecraft flights.\n\n"
            "FILTERS: Parameters - 'spacecraft' Example - /api/2.0.0/launcher/?spacecraft=37"
        ),
    ),
)

registry.embed(
    # What the 2.0.0 flights link to, at LL2 2.0.0's own paths.
    *(
        Embedded(path, model, version="2.0.0")
        for path, model in [
            ("agencies", Agency),
            ("config/launcher", LauncherConfig),
            ("config/spacecraft", models.SpacecraftConfig),
            ("launch", Launch),
            ("location", Location),
            ("pad", Pad),
            ("program", Program),
            ("spacecraft", models.Spacecraft),
        ]
    ),
)
