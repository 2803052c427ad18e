from agencies.serializers.images import Image
from launches.serializers.launches import LaunchMini, LaunchNormal
from launches.serializers.places import Landing
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name
from spacecraft import models

from .configurations import SpacecraftConfigDetailed, SpacecraftConfigNormal

SpacecraftStatus = id_and_name(models.SpacecraftStatus)


class SpacecraftNormal(RecordSerializer):
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


class SpacecraftFlightMini(RecordSerializer):
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
