"""The shapes that only the spacecraft endpoints serve at their top level.

They sit a layer above the embedded shapes they compose: a detailed flight lists its docking
events, whose shapes (in `docking.serializers`) embed flights in turn.
"""

from docking.serializers.events import DockingEventForChaserNormal
from launches.serializers.astronauts import AstronautFlight
from lldapi.api.fields import Constant
from spacecraft.serializers.configurations import (
    SpacecraftConfigDetailed,
    SpacecraftConfigFamilyDetailed,
    SpacecraftConfigNormal,
)

from .spacecraft import SpacecraftDetailed, SpacecraftFlightNormal, SpacecraftNormal


class SpacecraftFlightDetailed(SpacecraftFlightNormal):
    spacecraft = SpacecraftDetailed()
    response_mode = Constant("detailed")
    launch_crew = AstronautFlight(many=True)
    onboard_crew = AstronautFlight(many=True)
    landing_crew = AstronautFlight(many=True)
    docking_events = DockingEventForChaserNormal(many=True)

    class Meta(SpacecraftFlightNormal.Meta):
        fields = SpacecraftFlightNormal.Meta.fields + [
            "launch_crew", "onboard_crew", "landing_crew", "docking_events",
        ]



class SpacecraftFlightDetailedSerializerNoLaunch(SpacecraftFlightDetailed):
    """A detailed flight as its launch's rocket lists it (`spacecraft_stage`), without the launch."""

    class Meta(SpacecraftFlightDetailed.Meta):
        fields = [field for field in SpacecraftFlightDetailed.Meta.fields if field != "launch"]


class SpacecraftEndpointDetailed(SpacecraftNormal):
    response_mode = Constant("detailed")
    spacecraft_config = SpacecraftConfigDetailed()
    flights = SpacecraftFlightNormal(many=True)

    class Meta(SpacecraftNormal.Meta):
        fields = SpacecraftNormal.Meta.fields + ["flights"]


class SpacecraftConfigFamilyEndpointDetailed(SpacecraftConfigFamilyDetailed):
    response_mode = Constant("detailed")
    spacecraft = SpacecraftConfigNormal(many=True, source="configurations")

    class Meta(SpacecraftConfigFamilyDetailed.Meta):
        fields = SpacecraftConfigFamilyDetailed.Meta.fields + ["spacecraft"]
