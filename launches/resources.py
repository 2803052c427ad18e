from launches import models
from launches.serializers.endpoints import CelestialBodyEndpointDetailed
from launches.serializers.places import CelestialBodyMini, CelestialBodyNormal, CelestialBodyType
from lldapi.api.registry import Embedded, Resource, registry

registry.register(
    Resource(
        path="celestial_bodies",
        basename="celestialbody",
        queryset=models.CelestialBody.objects.all(),
        modes={"list": CelestialBodyMini, "normal": CelestialBodyNormal, "detailed": CelestialBodyEndpointDetailed},
        search_fields=("name", "type__name"),
        ordering_fields=("id", "name"),
    ),
    Resource(
        path="config/celestial_body_types",
        basename="celestialbodytype",
        queryset=models.CelestialBodyType.objects.all(),
        serializer=CelestialBodyType,
    ),
)

# The launch world, linked to from every flight, landing and crew: not served yet.
registry.embed(
    Embedded("astronauts", "astronaut"),
    Embedded("landings", "landing"),
    Embedded("launcher_configurations", "launcherconfig"),
    Embedded("launches", "launch"),
    Embedded("locations", "location"),
    Embedded("pads", "pad"),
    Embedded("programs", "program"),
)
