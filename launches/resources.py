from lldapi.api.registry import Embedded, registry

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
