from docking import models
from docking.filters import DockingEventFilter
from docking.serializers.endpoints import DockingEventEndpointDetailed, DockingEventEndpointNormal
from lldapi.api.registry import Embedded, Resource, registry

registry.register(
    Resource(
        path="docking_events",
        basename="dockingevent",
        queryset=models.DockingEvent.objects.all(),
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
)

registry.embed(
    Embedded("payload_flights", "payloadflight"),
    Embedded("space_stations", "spacestation"),
)
