from .astronauts import Astronaut, AstronautFlight, AstronautRole, AstronautStatus, AstronautType
from .events import Event, EventType
from .launchers import FirstStage, FirstStageType, Launcher, LauncherStatus
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
    MissionType,
    NetPrecision,
    Orbit,
    Program,
    ProgramType,
    Rocket,
    TimelineEvent,
    TimelineEventType,
    Update,
    VidURL,
    VidURLType,
)
from .places import CelestialBody, CelestialBodyType, Landing, LandingLocation, LandingType, Location, Pad
from .starbase import LiveStream, Notice, NoticeType, RoadClosure, RoadClosureStatus

__all__ = [
    "Astronaut", "AstronautFlight", "AstronautRole", "AstronautStatus", "AstronautType", "CelestialBody",
    "CelestialBodyType", "Event", "EventType", "FirstStage", "FirstStageType", "InfoURL", "InfoURLType", "Landing",
    "LandingLocation", "LandingType", "Language", "Launch", "LaunchStatus", "Launcher", "LauncherConfig",
    "LauncherConfigFamily", "LauncherStatus", "LiveStream", "Location", "Mission", "MissionPatch", "MissionType",
    "NetPrecision", "Notice", "NoticeType", "Orbit", "Pad", "Program", "ProgramType", "RoadClosure",
    "RoadClosureStatus", "Rocket", "TimelineEvent", "TimelineEventType", "Update", "VidURL", "VidURLType",
]
