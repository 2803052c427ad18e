"""The shapes that only the docking endpoints serve at their top level.

They sit a layer above the embedded shapes they compose: a station lists its docking events, whose
shapes embed stations in turn.
"""

from docking import models
from launches.serializers.astronauts import AstronautFlight
from launches.serializers.events import EventMini, EventNormal
from launches.serializers.launches import ProgramMini, ProgramNormal
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, Where
from spacecraft.serializers.endpoints import SpacecraftFlightDetailed
from spacecraft.serializers.spacecraft import SpacecraftFlightMini, SpacecraftFlightNormal

from .events import DockingEventForChaserNormal, DockingLocation, DockingLocationSerializerForSpacestation
from .expeditions import ExpeditionMini, ExpeditionNormalSerializerForSpacewalk, SpacewalkList
from .payloads import PayloadDetailed, PayloadFlightMini, PayloadFlightNormal
from .stations import SpaceStationDetailed, SpaceStationMini, SpaceStationNormal


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


class SpaceStationEndpoint(SpaceStationDetailed):
    response_mode = Constant("normal")
    active_expeditions = Where(
        child=ExpeditionMini(), source="expeditions", condition=models.Expedition.UNDER_WAY
    )

    class Meta(SpaceStationDetailed.Meta):
        fields = SpaceStationDetailed.Meta.fields + ["response_mode", "active_expeditions"]


class SpaceStationDetailedEndpoint(SpaceStationEndpoint):
    response_mode = Constant("detailed")
    docking_location = DockingLocationSerializerForSpacestation(many=True)
    active_docking_events = Where(
        child=DockingEventForChaserNormal(), source="docking_events", condition=models.DockingEvent.NOT_DEPARTED
    )

    class Meta(SpaceStationEndpoint.Meta):
        fields = SpaceStationEndpoint.Meta.fields + [
            "height", "width", "mass", "volume", "onboard_crew", "docked_vehicles", "docking_location",
            "active_docking_events",
        ]


class PayloadFlightDetailed(PayloadFlightNormal):
    response_mode = Constant("detailed")
    payload = PayloadDetailed()
    docking_events = DockingEventForChaserNormal(many=True)

    class Meta(PayloadFlightNormal.Meta):
        fields = PayloadFlightNormal.Meta.fields + ["docking_events"]


class SpacewalkEndpointNormal(SpacewalkList):
    response_mode = Constant("normal")
    crew = AstronautFlight(many=True)
    spacestation = SpaceStationMini()
    expedition = ExpeditionMini()
    spacecraft_flight = SpacecraftFlightNormal()
    event = EventMini()
    program = ProgramMini(many=True)

    class Meta(SpacewalkList.Meta):
        fields = SpacewalkList.Meta.fields + [
            "crew", "spacestation", "expedition", "spacecraft_flight", "event", "program",
        ]


class SpacewalkEndpointDetailed(SpacewalkEndpointNormal):
    response_mode = Constant("detailed")
    spacestation = SpaceStationNormal()
    expedition = ExpeditionNormalSerializerForSpacewalk()
    spacecraft_flight = SpacecraftFlightDetailed()
    event = EventNormal()
    program = ProgramNormal(many=True)


class PayloadFlightSerializerNoLaunch(PayloadFlightDetailed):
    """A detailed payload flight as its launch's rocket lists it (`payloads`), without the launch."""

    class Meta(PayloadFlightDetailed.Meta):
        fields = [field for field in PayloadFlightDetailed.Meta.fields if field != "launch"]
