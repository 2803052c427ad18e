from .events import DockingEvent, DockingLocation
from .payloads import Payload, PayloadFlight, PayloadType
from .stations import Expedition, SpaceStation, SpaceStationStatus, SpaceStationType, Spacewalk

__all__ = [
    "DockingEvent", "DockingLocation", "Expedition", "Payload", "PayloadFlight", "PayloadType", "SpaceStation",
    "SpaceStationStatus", "SpaceStationType", "Spacewalk",
]
