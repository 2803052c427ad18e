"""The shapes that only the launch-world endpoints serve at their top level."""

from lldapi.api.fields import Constant

from .places import CelestialBodyDetailed, LocationSerializerNoCelestialBody


class CelestialBodyEndpointDetailed(CelestialBodyDetailed):
    response_mode = Constant("detailed")
    locations = LocationSerializerNoCelestialBody(many=True)

    class Meta(CelestialBodyDetailed.Meta):
        fields = CelestialBodyDetailed.Meta.fields + ["locations"]
