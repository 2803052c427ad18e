"""The shapes that only the docking-event endpoint serves at its top level."""

from docking import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer
from spacecraft.serializers.spacecraft import SpacecraftFlightMini, SpacecraftFlightNormal

from .events import DockingLocation
from .payloads import PayloadFlightMini, PayloadFlightNormal
from .stations import SpaceStationMini, SpaceStationNormal


class DockingEventEndpointNormal(RecordSerializer):
    url = self_link("dockingevent")
    docking_location = DockingLocation()
    space_station_target = SpaceStationMini()
    flight_vehicle_target = SpacecraftFlightMini()
    payload_flight_target = PayloadFlightMini()
    response_mode = Constant("normal")
    flight_vehicle_chaser = SpacecraftFlightMini()
    space_station_chaser = SpaceStationMini()
    payload_flight_chaser = PayloadFlightMini()

    class Meta:
        model = models.DockingEvent
        fields = [
            "id", "url", "docking", "departure", "docking_location", "space_station_target",
            "flight_vehicle_target", "payload_flight_target", "response_mode", "flight_vehicle_chaser",
            "space_station_chaser", "payload_flight_chaser",
        ]


class DockingEventEndpointDetailed(DockingEventEndpointNormal):
    response_mode = Constant("detailed")
    flight_vehicle_chaser = SpacecraftFlightNormal()
    space_station_chaser = SpaceStationNormal()
    payload_flight_chaser = PayloadFlightNormal()
