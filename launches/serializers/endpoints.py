"""The shapes that only the launch-world endpoints serve at their top level.

They sit a layer above the embedded shapes they compose: an astronaut lists spacewalks and
expeditions (`docking.serializers`), whose crews embed astronauts in turn.
"""

from agencies.serializers.agencies import AgencyDetailed
from docking.serializers.expeditions import ExpeditionNormal, SpacewalkNormal
from lldapi.api.fields import Constant
from spacecraft.serializers.spacecraft import SpacecraftFlightNormal

from .astronauts import AstronautDetailed
from .launches import LaunchNormal, MissionPatch, ProgramNormal
from .places import CelestialBodyDetailed, LocationSerializerNoCelestialBody


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
