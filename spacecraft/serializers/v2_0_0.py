"""LL2 2.0.0 representations: the legacy `/2.0.0/spacecraft/flight/` endpoint and what it embeds.

Same models as 2.3.0, older shapes: no `response_mode`, fewer keys, and several values given as
bare strings without the id of the object 2.3.0 gives (an agency's `type`, a launcher's `family`,
image URLs, a location's `country_code`). Those have columns of their own (`legacy_*`), written by
the importer through each field's `source`; an object known only from 2.3.0 pages shows the
equivalent 2.3.0 value instead (`LegacyValue`). Self links resolve under the `2.0.0` namespace,
to LL2 2.0.0's own paths (`/2.0.0/config/spacecraft/6/`).
"""

from rest_framework import serializers

from agencies import models as agency_models
from launches import models as launch_models
from lldapi.api.fields import LegacyValue, self_link
from lldapi.api.serializers import RecordSerializer
from spacecraft import models

from .configurations import SpacecraftConfigType
from .spacecraft import SpacecraftStatus


class CoordinateString(serializers.FloatField):
    """A latitude or longitude, stored as a number and written as 2.0.0 does, as a string.

    Python writes a float as the shortest decimal that reads back as the same float, so a string
    such as "28.56194122" comes back unchanged; a padded "28.50" would come back as "28.5".
    """

    def to_representation(self, value):
        return str(float(value))


class Agency(RecordSerializer):
    url = self_link("agency")
    type = LegacyValue("type.name", source="legacy_type")

    class Meta:
        model = agency_models.Agency
        fields = ["id", "url", "name", "type"]


class SpacecraftConfig(RecordSerializer):
    url = self_link("spacecraftconfig")
    type = SpacecraftConfigType()
    agency = Agency()
    image_url = LegacyValue("image.image_url", source="legacy_image_url")

    class Meta:
        model = models.SpacecraftConfig
        fields = ["id", "url", "name", "type", "agency", "in_use", "image_url"]


class Spacecraft(RecordSerializer):
    url = self_link("spacecraft")
    status = SpacecraftStatus()
    spacecraft_config = SpacecraftConfig()

    class Meta:
        model = models.Spacecraft
        fields = ["id", "url", "name", "serial_number", "status", "description", "spacecraft_config"]


class LaunchStatus(RecordSerializer):
    class Meta:
        model = launch_models.LaunchStatus
        fields = ["id", "name"]


class LauncherConfig(RecordSerializer):
    url = self_link("launcherconfig")
    family = LegacyValue("families.name", source="legacy_family")

    class Meta:
        model = launch_models.LauncherConfig
        fields = ["id", "launch_library_id", "url", "name", "family", "full_name", "variant"]


class Rocket(RecordSerializer):
    configuration = LauncherConfig()

    class Meta:
        model = launch_models.Rocket
        fields = ["id", "configuration"]


class Orbit(RecordSerializer):
    class Meta:
        model = launch_models.Orbit
        fields = ["id", "name", "abbrev"]


class Mission(RecordSerializer):
    orbit = Orbit()

    class Meta:
        model = launch_models.Mission
        fields = ["id", "launch_library_id", "name", "description", "launch_designator", "type", "orbit"]


class Location(RecordSerializer):
    url = self_link("location")
    country_code = LegacyValue("country.alpha_3_code")

    class Meta:
        model = launch_models.Location
        fields = ["id", "url", "name", "country_code", "map_image", "total_launch_count", "total_landing_count"]


class Pad(RecordSerializer):
    url = self_link("pad")
    latitude = CoordinateString(allow_null=True)
    longitude = CoordinateString(allow_null=True)
    location = Location()

    class Meta:
        model = launch_models.Pad
        fields = [
            "id", "url", "agency_id", "name", "info_url", "wiki_url", "map_url", "latitude", "longitude",
            "location", "map_image", "total_launch_count",
        ]


class Program(RecordSerializer):
    url = self_link("program")
    agencies = Agency(many=True)
    image_url = LegacyValue("image.image_url", source="legacy_image_url")

    class Meta:
        model = launch_models.Program
        fields = [
            "id", "url", "name", "description", "agencies", "image_url", "start_date", "end_date", "info_url",
            "wiki_url",
        ]


class Launch(RecordSerializer):
    url = self_link("launch")
    status = LaunchStatus()
    launch_service_provider = Agency()
    rocket = Rocket()
    mission = Mission()
    pad = Pad()
    image = LegacyValue("image.image_url", source="legacy_image_url")
    program = Program(many=True)

    class Meta:
        model = launch_models.Launch
        fields = [
            "id", "url", "launch_library_id", "slug", "name", "status", "net", "window_end", "window_start",
            "inhold", "tbdtime", "tbddate", "probability", "holdreason", "failreason", "hashtag",
            "launch_service_provider", "rocket", "mission", "pad", "webcast_live", "image", "infographic",
            "program",
        ]


class SpacecraftFlight(RecordSerializer):
    url = self_link("spacecraftflight")
    spacecraft = Spacecraft()
    launch = Launch()

    class Meta:
        model = models.SpacecraftFlight
        fields = ["id", "url", "destination", "mission_end", "spacecraft", "launch"]
