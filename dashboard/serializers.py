"""The Starship dashboard's components: one object of lists, each list selected by `starship`."""

from rest_framework import serializers

from launches.serializers.endpoints import EventEndpointList, LaunchDetailed, LauncherDetailed
from launches.serializers.events import EventNormal
from launches.serializers.launches import LaunchBasic, LaunchNormal, Update
from launches.serializers.starbase import Notice, RoadClosure, VidURLs
from lldapi.api.fields import Constant
from lldapi.api.serializers import Selected
from spacecraft.serializers.spacecraft import SpacecraftNormal

from .starship import Period, Starship


class LaunchAndEventsList(serializers.Serializer):
    launches = Selected(child=LaunchBasic(), rows=Period.launches)
    events = Selected(child=EventEndpointList(), rows=Period.events)


class LaunchAndEventsNormal(serializers.Serializer):
    launches = Selected(child=LaunchNormal(), rows=Period.launches)
    events = Selected(child=EventNormal(), rows=Period.events)


class LaunchAndEventsDetailed(serializers.Serializer):
    launches = Selected(child=LaunchDetailed(), rows=Period.launches)
    events = Selected(child=EventNormal(), rows=Period.events)


def starship_dashboard(mode, launches_and_events):
    """The dashboard's component in `mode`: its lists of the programme, then its launches and events."""
    fields = {
        "response_mode": Constant(mode),
        "updates": Selected(child=Update(), rows=Starship.updates),
        "live_streams": Selected(child=VidURLs(), rows=Starship.live_streams, owner="program"),
        "road_closures": Selected(child=RoadClosure(), rows=Starship.road_closures, owner="program"),
        "notices": Selected(child=Notice(), rows=Starship.notices, owner="program"),
        "vehicles": Selected(child=LauncherDetailed(), rows=Starship.vehicles),
        "orbiters": Selected(child=SpacecraftNormal(), rows=Starship.orbiters),
        "upcoming": launches_and_events(),
        "previous": launches_and_events(),
    }
    name = f"StarshipDashboard{mode.title()}"
    return type(name, (serializers.Serializer,), {"__module__": __name__, "__qualname__": name, **fields})


StarshipDashboardList = starship_dashboard("list", LaunchAndEventsList)
StarshipDashboardNormal = starship_dashboard("normal", LaunchAndEventsNormal)
StarshipDashboardDetailed = starship_dashboard("detailed", LaunchAndEventsDetailed)
