"""The shapes that only the launch-world endpoints serve at their top level.

A landing shows the first stage, spacecraft flight or payload flight that it ended, each without its
landing: their shapes (in `spacecraft.serializers` and `docking.serializers`) embed landings in turn.
"""

from docking.serializers.endpoints import PayloadFlightDetailed
from docking.serializers.payloads import PayloadFlightMini, PayloadFlightNormal
from lldapi.api.fields import Constant
from spacecraft.serializers.endpoints import SpacecraftFlightDetailed
from spacecraft.serializers.spacecraft import SpacecraftFlightMini, SpacecraftFlightNormal

from .launchers import FirstStageMini, FirstStageNormal, LauncherNormal
from .launches import LauncherConfigList, LaunchNormal
from .places import CelestialBodyDetailed, Landing, Location, LocationSerializerNoCelestialBody, PadSerializerNoLocation


class CelestialBodyEndpointDetailed(CelestialBodyDetailed):
    response_mode = Constant("detailed")
    locations = LocationSerializerNoCelestialBody(many=True)

    class Meta(CelestialBodyDetailed.Meta):
        fields = CelestialBodyDetailed.Meta.fields + ["locations"]


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
