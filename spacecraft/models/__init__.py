from .configurations import SpacecraftConfig, SpacecraftConfigFamily, SpacecraftConfigType
from .spacecraft import Spacecraft, SpacecraftFlight, SpacecraftStatus

__all__ = [
    "Spacecraft", "SpacecraftConfig", "SpacecraftConfigFamily", "SpacecraftConfigType", "SpacecraftFlight",
    "SpacecraftStatus",
]
