from docking import models
from lldapi.api.fields import self_link
from lldapi.api.serializers import RecordSerializer
from spacecraft.serializers.configurations import SpacecraftConfigNormal
from spacecraft.serializers.spacecraft import SpacecraftFlightNormal

from .payloads import PayloadFlightNormal, PayloadMini
from .stations import SpaceStationMini, SpaceStationNormal


class DockingLocation(RecordSerializer):
    spacestation = SpaceStationMini()
    spacecraft = SpacecraftConfigNormal()
    payload = PayloadMini()

    class Meta:
        model = models.DockingLocation
        fields = ["id", "name", "spacestation", "spacecraft", "payload"]


class DockingEventForChaserNormal(RecordSerializer):
    url = self_link("dockingevent")
    docking_location = DockingLocation()
    space_station_target = SpaceStationNormal()
    flight_vehicle_target = SpacecraftFlightNormal()
    payload_flight_target = PayloadFlightNormal()

    class Meta:
        model = models.DockingEvent
        fields = [
            "id", "url", "docking", "departure", "docking_location", "space_station_target",
            "flight_vehicle_target", "payload_flight_target",
        ]
