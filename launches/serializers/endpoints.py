"""The shapes that only the launch-world endpoints serve at their top level.

They sit a layer above the embedded shapes they compose: an astronaut lists spacewalks and
expeditions (`docking.serializers`), whose crews embed astronauts in turn; a landing shows the first
stage, spacecraft flight or payload flight that it ended, each without its landing; a detailed
launch's rocket lists its spacecraft and payload flights, whose shapes embed launches in turn.
"""

from agencies.serializers.agencies import AgencyDetailed, AgencyMini
from docking.serializers.endpoints import PayloadFlightDetailed, PayloadFlightSerializerNoLaunch
from docking.serializers.expeditions import ExpeditionNormal, SpacewalkNormal
from docking.serializers.payloads import PayloadFlightMini, PayloadFlightNormal
from docking.serializers.stations import SpaceStationNormal
from launches import models
from lldapi.api.fields import Constant
from lldapi.api.serializers import RecordSerializer
from spacecraft.serializers.endpoints import SpacecraftFlightDetailed, SpacecraftFlightDetailedSerializerNoLaunch
from spacecraft.serializers.spacecraft import SpacecraftFlightMini, SpacecraftFlightNormal

from .astronauts import AstronautDetailed, AstronautNormal
from .events import EventNormal
from .launchers import FirstStageMini, FirstStageNormal, LauncherConfigDetailed, LauncherNormal
from .launches import (
    InfoURL,
    LaunchBasic,
    LauncherConfigList,
    LaunchNormal,
    MissionPatch,
    ProgramNormal,
    TimelineEvent,
    Update,
    VidURL,
)
from .places import CelestialBodyDetailed, Landing, Location, LocationSerializerNoCelestialBody, PadSerializerNoLocation


class CelestialBodyEndpointDetailed(CelestialBodyDetailed):
    response_mode = Constant("detailed")
    locations = LocationSerializerNoCelestialBody(many=True)

    class Meta(CelestialBodyDetailed.Meta):
        fields = CelestialBodyDetailed.Meta.fields + ["locations"]


class AstronautEndpointNormal(AstronautDetailed):
    response_mode = Constant("normal")

    class Meta(AstronautDetailed.Meta):
        fields = AstronautDetailed.Meta.fields + ["flights_count", "landings_count", "spacewalks_count"]


class AstronautEndpointDetailed(AstronautEndpointNormal):
    response_mode = Constant("detailed")
    flights = LaunchNormal(many=True)
    landings = SpacecraftFlightNormal(many=True)
    spacewalks = SpacewalkNormal(many=True)

    class Meta(AstronautEndpointNormal.Meta):
        fields = AstronautEndpointNormal.Meta.fields + ["flights", "landings", "spacewalks"]


class MissionPatchDetailed(MissionPatch):
    agency = AgencyDetailed()
    response_mode = Constant("detailed")
    launches = LaunchNormal(many=True)
    expeditions = ExpeditionNormal(many=True)
    program = ProgramNormal(many=True)

    class Meta(MissionPatch.Meta):
        fields = MissionPatch.Meta.fields + ["launches", "expeditions", "program"]


class RocketDetailed(RecordSerializer):
    configuration = LauncherConfigDetailed()
    launcher_stage = FirstStageNormal(many=True)
    spacecraft_stage = SpacecraftFlightDetailedSerializerNoLaunch(many=True, source="spacecraftflight")
    payloads = PayloadFlightSerializerNoLaunch(many=True)

    class Meta:
        model = models.Rocket
        fields = ["id", "configuration", "launcher_stage", "spacecraft_stage", "payloads"]


class LaunchDetailed(LaunchNormal):
    response_mode = Constant("detailed")
    launch_service_provider = AgencyDetailed()
    rocket = RocketDetailed()
    updates = Update(many=True)
    info_urls = InfoURL(many=True)
    vid_urls = VidURL(many=True)
    timeline = TimelineEvent(many=True)
    mission_patches = MissionPatch(many=True)

    class Meta(LaunchNormal.Meta):
        fields = LaunchNormal.Meta.fields + [
            "flightclub_url", "updates", "info_urls", "vid_urls", "timeline", "pad_turnaround", "mission_patches",
        ]


class EventEndpointList(EventNormal):
    response_mode = Constant("list")

    class Meta(EventNormal.Meta):
        fields = EventNormal.Meta.fields + ["response_mode", "duration"]


class EventEndpointNormal(EventEndpointList):
    response_mode = Constant("normal")
    updates = Update(many=True)

    class Meta(EventEndpointList.Meta):
        fields = EventEndpointList.Meta.fields + ["updates", "last_updated"]


class EventEndpointDetailed(EventEndpointNormal):
    response_mode = Constant("detailed")
    agencies = AgencyMini(many=True)
    launches = LaunchBasic(many=True)
    expeditions = ExpeditionNormal(many=True)
    spacestations = SpaceStationNormal(many=True)
    program = ProgramNormal(many=True)
    astronauts = AstronautNormal(many=True)

    class Meta(EventEndpointNormal.Meta):
        fields = EventEndpointNormal.Meta.fields + [
            "agencies", "launches", "expeditions", "spacestations", "program", "astronauts",
        ]
class LocationSerializerWithPads(Location):
    response_mode = Constant("detailed")
    pads = PadSerializerNoLocation(many=True)

    class Meta(Location.Meta):
        fields = Location.Meta.fields + ["pads"]


class LauncherDetailed(LauncherNormal):
    response_mode = Constant("detailed")
    launcher_config = LauncherConfigList()

    class Meta(LauncherNormal.Meta):
        fields = LauncherNormal.Meta.fields + ["launcher_config"]


def without_landing(fields):
    return [name for name in fields if name != "landing"]


class FirstStageNormalSerializerNoLanding(FirstStageNormal):
    class Meta(FirstStageNormal.Meta):
        fields = without_landing(FirstStageNormal.Meta.fields)


class FirstStageDetailedSerializerNoLanding(FirstStageNormalSerializerNoLanding):
    previous_flight = LaunchNormal()


class SpacecraftFlightMiniSerializerNoLanding(SpacecraftFlightMini):
    class Meta(SpacecraftFlightMini.Meta):
        fields = without_landing(SpacecraftFlightMini.Meta.fields)


class SpacecraftFlightNormalSerializerNoLanding(SpacecraftFlightNormal):
    class Meta(SpacecraftFlightNormal.Meta):
        fields = without_landing(SpacecraftFlightNormal.Meta.fields)


class SpacecraftFlightDetailedSerializerNoLanding(SpacecraftFlightDetailed):
    class Meta(SpacecraftFlightDetailed.Meta):
        fields = without_landing(SpacecraftFlightDetailed.Meta.fields)


class PayloadFlightMiniSerializerNoLanding(PayloadFlightMini):
    class Meta(PayloadFlightMini.Meta):
        fields = without_landing(PayloadFlightMini.Meta.fields)


class PayloadFlightNormalSerializerNoLanding(PayloadFlightNormal):
    class Meta(PayloadFlightNormal.Meta):
        fields = without_landing(PayloadFlightNormal.Meta.fields)


class PayloadFlightDetailedSerializerNoLanding(PayloadFlightDetailed):
    class Meta(PayloadFlightDetailed.Meta):
        fields = without_landing(PayloadFlightDetailed.Meta.fields)


class LandingEndpointList(Landing):
    """A landing, with what it ended: a first stage, a spacecraft flight or a payload flight (the others null)."""

    response_mode = Constant("list")
    firststage = FirstStageMini()
    spacecraftflight = SpacecraftFlightMiniSerializerNoLanding()
    payloadflight = PayloadFlightMiniSerializerNoLanding()

    class Meta(Landing.Meta):
        fields = Landing.Meta.fields + ["response_mode", "firststage", "spacecraftflight", "payloadflight"]


class LandingEndpointNormal(LandingEndpointList):
    response_mode = Constant("normal")
    firststage = FirstStageNormalSerializerNoLanding()
    spacecraftflight = SpacecraftFlightNormalSerializerNoLanding()
    payloadflight = PayloadFlightNormalSerializerNoLanding()


class LandingEndpointDetailed(LandingEndpointList):
    response_mode = Constant("detailed")
    firststage = FirstStageDetailedSerializerNoLanding()
    spacecraftflight = SpacecraftFlightDetailedSerializerNoLanding()
    payloadflight = PayloadFlightDetailedSerializerNoLanding()
