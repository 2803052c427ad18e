from django.db.models import OuterRef, Subquery

from docking import models
from docking.filters import (
    DockingEventFilter,
    ExpeditionFilter,
    PayloadFilter,
    PayloadFlightFilter,
    SpaceStationFilter,
    SpacewalkFilter,
)
from docking.serializers.endpoints import (
    DockingEventEndpointDetailed,
    DockingEventEndpointNormal,
    PayloadFlightDetailed,
    SpaceStationDetailedEndpoint,
    SpaceStationEndpoint,
    SpacewalkEndpointDetailed,
    SpacewalkEndpointNormal,
)
from docking.serializers.events import DockingLocation
from docking.serializers.expeditions import ExpeditionDetailed, ExpeditionNormal, SpacewalkList
from docking.serializers.payloads import (
    PayloadDetailed,
    PayloadFlightMini,
    PayloadFlightNormal,
    PayloadMini,
    PayloadNormal,
    PayloadType,
)
from docking.serializers.stations import SpaceStationStatus
from lldapi.api.registry import Resource, registry

# LL2 orders payloads by the launch date of their flights, one row per flight. A payload is listed
# once here, at the date of its first launch.
FIRST_LAUNCH = Subquery(
    models.PayloadFlight.objects.filter(payload=OuterRef("pk"), launch__net__isnull=False)
    .order_by("launch__net")
    .values("launch__net")[:1]
)

registry.register(
    Resource(
        path="docking_events",
        model=models.DockingEvent,
        modes={"normal": DockingEventEndpointNormal, "detailed": DockingEventEndpointDetailed},
        filterset_class=DockingEventFilter,
        search_fields=(
            "docking_location__name",
            "flight_vehicle_chaser__spacecraft__name",
            "flight_vehicle_target__spacecraft__name",
            "payload_flight_chaser__payload__name",
            "payload_flight_target__payload__name",
            "space_station_chaser__name",
            "space_station_target__name",
        ),
        ordering_fields=("departure", "docking"),
    ),
    Resource(
        path="space_stations",
        model=models.SpaceStation,
        modes={"normal": SpaceStationEndpoint, "detailed": SpaceStationDetailedEndpoint},
        filterset_class=SpaceStationFilter,
        search_fields=("name", "owners__abbrev", "owners__name"),
        ordering_fields=("docked_vehicles", "founded", "id", "name", "onboard_crew", "status", "type", "volume"),
    ),
    Resource(
        path="expeditions",
        model=models.Expedition,
        modes={"normal": ExpeditionNormal, "detailed": ExpeditionDetailed},
        filterset_class=ExpeditionFilter,
        search_fields=(
            "crew__astronaut__agency__abbrev",
            "crew__astronaut__agency__name",
            "crew__astronaut__name",
            "crew__astronaut__nationality__nationality_name",
            "name",
        ),
        ordering_fields=("end", "id", "start"),
    ),
    Resource(
        path="payloads",
        model=models.Payload,
        # The ordering's name is LL2's path to the launches of a payload's flights.
        queryset=models.Payload.objects.alias(payloadflight__rocket__launch__net=FIRST_LAUNCH),
        modes={"list": PayloadMini, "normal": PayloadNormal, "detailed": PayloadDetailed},
        filterset_class=PayloadFilter,
        search_fields=(
            "manufacturer__name",
            "name",
            "operator__name",
            "payloadflight__destination",
            "payloadflight__rocket__launch__name",
        ),
        ordering_fields=("id", "name", "payloadflight__rocket__launch__net"),
    ),
    Resource(
        path="payload_flights",
        model=models.PayloadFlight,
        modes={"list": PayloadFlightMini, "normal": PayloadFlightNormal, "detailed": PayloadFlightDetailed},
        filterset_class=PayloadFlightFilter,
    ),
    Resource(
        path="spacewalks",
        model=models.Spacewalk,
        modes={"list": SpacewalkList, "normal": SpacewalkEndpointNormal, "detailed": SpacewalkEndpointDetailed},
        filterset_class=SpacewalkFilter,
        search_fields=("crew__astronaut__name", "location", "name", "program__name"),
        ordering_fields=("duration", "end", "id", "name", "start"),
    ),
    Resource(
        path="config/docking_locations",
        model=models.DockingLocation,
        serializer=DockingLocation,
    ),
    Resource(
        path="config/space_station_statuses",
        model=models.SpaceStationStatus,
        serializer=SpaceStationStatus,
    ),
    Resource(
        path="config/payload_types",
        model=models.PayloadType,
        serializer=PayloadType,
    ),
)
