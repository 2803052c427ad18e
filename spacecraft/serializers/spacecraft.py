from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import ModelSerializer, id_and_name
from spacecraft import models

from .astronauts import AstronautFlight
from .configurations import SpacecraftConfigDetailed, SpacecraftConfigNormal
from .images import Image
from .launches import LaunchMini, LaunchNormal
from .places import Landing

SpacecraftStatus = id_and_name(models.SpacecraftStatus)


class SpacecraftNormal(ModelSerializer):
    response_mode = Constant("normal")
    url = self_link("spacecraft")
    image = Image()
    status = SpacecraftStatus()
    spacecraft_config = SpacecraftConfigNormal()

    class Meta:
        model = models.Spacecraft
        fields = [
            "response_mode", "id", "url", "name", "serial_number", "is_placeholder", "image", "in_space",
            "time_in_space", "time_docked", "flights_count", "mission_ends_count", "status",
            "description", "spacecraft_config", "fastest_turnaround",
        ]


class SpacecraftDetailed(SpacecraftNormal):
    """The spacecraft inside a detailed flight: a detailed configuration, yet `normal` by its schema."""

    spacecraft_config = SpacecraftConfigDetailed()


class SpacecraftFlightMini(ModelSerializer):
    url = self_link("spacecraftflight")
    spacecraft = SpacecraftNormal()
    launch = LaunchMini()
    landing = Landing()

    class Meta:
        model = models.SpacecraftFlight
        fields = [
            "id", "url", "destination", "mission_end", "spacecraft", "launch", "landing", "duration",
            "turn_around_time",
        ]


class SpacecraftFlightNormal(SpacecraftFlightMini):
    launch = LaunchNormal()
    response_mode = Constant("normal")

    class Meta(SpacecraftFlightMini.Meta):
        fields = SpacecraftFlightMini.Meta.fields + ["response_mode"]


class SpacecraftFlightDetailed(SpacecraftFlightNormal):
    spacecraft = SpacecraftDetailed()
    response_mode = Constant("detailed")
    launch_crew = AstronautFlight(many=True)
    onboard_crew = AstronautFlight(many=True)
    landing_crew = AstronautFlight(many=True)

    class Meta(SpacecraftFlightNormal.Meta):
        fields = SpacecraftFlightNormal.Meta.fields + [
            "launch_crew", "onboard_crew", "landing_crew", "docking_events",
        ]

    def get_fields(self):
        # Imported here, not at the top: docking's serializers embed flights and import this module.
        from docking.serializers.events import DockingEventForChaserNormal

        fields = super().get_fields()
        fields["docking_events"] = DockingEventForChaserNormal(many=True)
        return fields


class SpacecraftEndpointDetailed(SpacecraftNormal):
    response_mode = Constant("detailed")
    spacecraft_config = SpacecraftConfigDetailed()
    flights = SpacecraftFlightNormal(many=True)

    class Meta(SpacecraftNormal.Meta):
        fields = SpacecraftNormal.Meta.fields + ["flights"]
