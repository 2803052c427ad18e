from .agencies import Agency, AgencyType, Country, SocialMedia, SocialMediaLink
from .astronauts import Astronaut, AstronautFlight, AstronautRole, AstronautStatus, AstronautType
from .configurations import SpacecraftConfig, SpacecraftConfigFamily, SpacecraftConfigType
from .images import Image, ImageLicense, ImageVariant, ImageVariantType
from .launches import (
    InfoURL,
    InfoURLType,
    Language,
    Launch,
    LauncherConfig,
    LauncherConfigFamily,
    LaunchStatus,
    Mission,
    MissionPatch,
    NetPrecision,
    Orbit,
    Program,
    ProgramType,
    Rocket,
    VidURL,
    VidURLType,
)
from .places import CelestialBody, CelestialBodyType, Landing, LandingLocation, LandingType, Location, Pad
from .spacecraft import Spacecraft, SpacecraftFlight, SpacecraftStatus

__all__ = [
    "Agency", "AgencyType", "Astronaut", "AstronautFlight", "AstronautRole", "AstronautStatus",
    "AstronautType", "CelestialBody", "CelestialBodyType", "Country", "Image", "ImageLicense",
    "ImageVariant", "ImageVariantType", "InfoURL", "InfoURLType", "Landing", "LandingLocation",
    "LandingType", "Language", "Launch", "LauncherConfig", "LauncherConfigFamily", "LaunchStatus",
    "Location", "Mission", "MissionPatch", "NetPrecision", "Orbit", "Pad", "Program", "ProgramType",
    "Rocket", "SocialMedia", "SocialMediaLink", "Spacecraft", "SpacecraftConfig",
    "SpacecraftConfigFamily", "SpacecraftConfigType", "SpacecraftFlight", "SpacecraftStatus",
    "VidURL", "VidURLType",
]
