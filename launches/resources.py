from launches import models
from launches.serializers.endpoints import CelestialBodyEndpointDetailed
from launches.serializers.places import CelestialBodyMini, CelestialBodyNormal, CelestialBodyType
from lldapi.api.registry import Embedded, Resource, registry

registry.register(
    Resource(
        path="celestial_bodies",
        model=models.CelestialBody,
        modes={"list": CelestialBodyMini, "normal": CelestialBodyNormal, "detailed": CelestialBodyEndpointDetailed},
        search_fields=("name", "type__name"),
        ordering_fields=("id", "name"),
    ),
    Resource(
        path="config/celestial_body_types",
        model=models.CelestialBodyType,
        serializer=CelestialBodyType,
    ),
)

# The launch world, linked to from every flight, landing and crew: not served yet.
registry.embed(
    Embedded("astronauts", models.Astronaut),
    Embedded("events", models.Event),
    Embedded("landings", models.Landing),
    Embedded("launcher_configurations", models.LauncherConfig),
    Embedded("launchers", models.Launcher),
    Embedded("launches", models.Launch),
    Embedded("locations", models.Location),
    Embedded("pads", models.Pad),
    Embedded("programs", models.Program),
)
