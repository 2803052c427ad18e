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
        basename="spacecraft",
        queryset=models.Spacecraft.objects.all(),
        modes={"normal": SpacecraftNormal, "detailed": SpacecraftEndpointDetailed},
        filterset_class=SpacecraftFilter,
        search_fields=("name", "spacecraft_config__name"),
        ordering_fields=("flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"),
    ),
    Resource(
        path="spacecraft_flights",
        basename="spacecraftflight",
        queryset=models.SpacecraftFlight.objects.all(),
        modes={"normal": SpacecraftFlightNormal, "detailed": SpacecraftFlightDetailed},
        filterset_class=SpacecraftFlightFilter,
    ),
    Resource(
        path="spacecraft_configurations",
        basename="spacecraftconfig",
        queryset=models.SpacecraftConfig.objects.all(),
        modes={"normal": SpacecraftConfigNormal, "detailed": SpacecraftConfigDetailed},
        filterset_class=SpacecraftConfigFilter,
        search_fields=("agency__abbrev", "agency__name", "name"),
        ordering_fields=("name",),
    ),
    Resource(
        path="spacecraft_configuration_families",
        basename="spacecraftconfigfamily",
        queryset=models.SpacecraftConfigFamily.objects.all(),
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
        basename="spacecraftconfigtype",
        queryset=models.SpacecraftConfigType.objects.all(),
        serializer=SpacecraftConfigType,
    ),
    Resource(
        path="config/spacecraft_statuses",
        basename="spacecraftstatus",
        queryset=models.SpacecraftStatus.objects.all(),
        serializer=SpacecraftStatus,
    ),
    # LL2 2.0.0's `/spacecraft/flight/`, which clients written for 2.0.0 still call: one shape for
    # lists and single flights, and LL2 2.0.0's own documentation text.
    Resource(
        version="2.0.0",
        path="spacecraft/flight",
        basename="spacecraftflight",
        queryset=models.SpacecraftFlight.objects.all(),
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
        Embedded(path, basename, version="2.0.0")
        for path, basename in [
            ("agencies", "agency"),
            ("config/launcher", "launcherconfig"),
            ("config/spacecraft", "spacecraftconfig"),
            ("launch", "launch"),
            ("location", "location"),
            ("pad", "pad"),
            ("program", "program"),
            ("spacecraft", "spacecraft"),
        ]
    ),
)
