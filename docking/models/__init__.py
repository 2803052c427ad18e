from .events import DockingEvent, DockingLocation
from .payloads import Payload, PayloadFlight, PayloadType
from .stations import SpaceStation, SpaceStationStatus, SpaceStationType

__all__ = [
    "DockingEvent", "DockingLocation", "Payload", "PayloadFlight", "PayloadType", "SpaceStation",
    "SpaceStationStatus", "SpaceStationType",
]
