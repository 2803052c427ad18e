from docking import models
from launches.serializers.launches import LaunchNormal
from lldapi.api.fields import self_link
from lldapi.api.serializers import RecordSerializer, Where
from spacecraft import models as spacecraft
from spacecraft.serializers.configurations import SpacecraftConfigNormal
from spacecraft.serializers.spacecraft import SpacecraftDetailed, SpacecraftFlightNormal

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


class SpacecraftFlightForDockingEvent(RecordSerializer):
    url = self_link("spacecraftflight")
    spacecraft = SpacecraftDetailed()
    launch = LaunchNormal()

    class Meta:
        model = spacecraft.SpacecraftFlight
        fields = ["id", "url", "spacecraft", "launch"]


class DockingEventDetailedSerializerForSpacestation(RecordSerializer):
    url = self_link("dockingevent")
    flight_vehicle_chaser = SpacecraftFlightForDockingEvent()
    space_station_chaser = SpaceStationNormal()
    payload_flight_chaser = PayloadFlightNormal()

    class Meta:
        model = models.DockingEvent
        fields = [
            "id", "url", "docking", "departure", "flight_vehicle_chaser", "space_station_chaser",
            "payload_flight_chaser",
        ]


class DockingLocationSerializerForSpacestation(RecordSerializer):
    currently_docked = Where(
        child=DockingEventDetailedSerializerForSpacestation(),
        source="docking_events",
        condition=models.DockingEvent.DOCKED,
        first=True,
    )

    class Meta:
        model = models.DockingLocation
        fields = ["id", "name", "currently_docked"]
