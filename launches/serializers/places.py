from rest_framework import serializers

from agencies.serializers.agencies import AgencyMini, AgencyNormal, Country
from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

CelestialBodyType = id_and_name(models.CelestialBodyType)


class CelestialBodyMini(RecordSerializer):
    response_mode = Constant("list")

    class Meta:
        model = models.CelestialBody
        fields = ["response_mode", "id", "name"]


class CelestialBodyNormal(RecordSerializer):
    response_mode = Constant("normal")
    type = CelestialBodyType()
    # Unlike every other duration in LL2, a day's length is written in Django's own format.
    length_of_day = serializers.DurationField(allow_null=True)
    image = Image()

    class Meta:
        model = models.CelestialBody
        fields = [
            "response_mode", "id", "name", "type", "diameter", "mass", "gravity", "length_of_day",
            "atmosphere", "image", "description", "wiki_url",
        ]


class CelestialBodyDetailed(CelestialBodyNormal):
    class Meta(CelestialBodyNormal.Meta):
        fields = CelestialBodyNormal.Meta.fields + [
            "total_attempted_launches", "successful_launches", "failed_launches",
            "total_attempted_landings", "successful_landings", "failed_landings",
        ]


class LocationSerializerNoCelestialBody(RecordSerializer):
    response_mode = Constant("normal")
    url = self_link("location")
    country = Country()
    image = Image()

    class Meta:
        model = models.Location
        fields = [
            "response_mode", "id", "url", "name", "active", "country", "description", "image",
            "map_image", "longitude", "latitude", "timezone_name", "total_launch_count",
            "total_landing_count",
        ]


class Location(LocationSerializerNoCelestialBody):
    celestial_body = CelestialBodyDetailed()

    class Meta(LocationSerializerNoCelestialBody.Meta):
        fields = [
            "response_mode", "id", "url", "name", "celestial_body",
            *LocationSerializerNoCelestialBody.Meta.fields[4:],
        ]


class PadSerializerNoLocation(RecordSerializer):
    url = self_link("pad")
    agencies = AgencyMini(many=True)
    image = Image()
    country = Country()

    class Meta:
        model = models.Pad
        fields = [
            "id", "url", "active", "agencies", "name", "image", "description", "info_url", "wiki_url",
            "map_url", "latitude", "longitude", "country", "map_image", "total_launch_count",
            "orbital_launch_attempt_count", "fastest_turnaround",
        ]


class Pad(PadSerializerNoLocation):
    agencies = AgencyNormal(many=True)
    location = Location()

    class Meta(PadSerializerNoLocation.Meta):
        fields = PadSerializerNoLocation.Meta.fields + ["location"]


class LandingLocation(RecordSerializer):
    location = LocationSerializerNoCelestialBody()
    image = Image()
    celestial_body = CelestialBodyNormal()

    class Meta:
        model = models.LandingLocation
        fields = [
            "id", "name", "active", "abbrev", "description", "location", "longitude", "latitude",
            "image", "successful_landings", "attempted_landings", "failed_landings", "celestial_body",
        ]


class LandingType(RecordSerializer):
    class Meta:
        model = models.LandingType
        fields = ["id", "name", "abbrev", "description"]


class Landing(RecordSerializer):
    url = self_link("landing")
    landing_location = LandingLocation()
    type = LandingType()

    class Meta:
        model = models.Landing
        fields = [
            "id", "url", "attempt", "success", "description", "downrange_distance", "landing_location",
            "type",
        ]
