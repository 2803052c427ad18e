"""Routes: the LL2 endpoints this server answers, and the ones its responses only link to."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from docking.views import DockingEventViewSet
from lldapi.api.errors import not_mirrored
from spacecraft.views import SpacecraftFlightV200ViewSet, SpacecraftFlightViewSet, SpacecraftViewSet


class Router(DefaultRouter):
    """DRF's router with its browsable API root; formats are chosen by `?format=`, as LL2 does."""

    include_format_suffixes = False


v2_3_0 = Router()
v2_3_0.register("spacecraft", SpacecraftViewSet, basename="spacecraft")
v2_3_0.register("spacecraft_flights", SpacecraftFlightViewSet, basename="spacecraftflight")
v2_3_0.register("docking_events", DockingEventViewSet, basename="dockingevent")

# LL2 resources that our responses embed and link to (`url`), with the route name the links use.
LINKED_2_3_0 = {
    "agencies": "agency",
    "astronauts": "astronaut",
    "landings": "landing",
    "launcher_configurations": "launcherconfig",
    "launches": "launch",
    "locations": "location",
    "pads": "pad",
    "payload_flights": "payloadflight",
    "programs": "program",
    "space_stations": "spacestation",
    "spacecraft_configurations": "spacecraftconfig",
}


def linked_only(resources):
    return [path(f"{prefix}/<str:pk>/", not_mirrored, name=f"{name}-detail") for prefix, name in resources.items()]


# The legacy LL2 2.0.0 endpoint that clients written for 2.0.0 still call, from the same data.
v2_0_0 = Router()
v2_0_0.register("spacecraft/flight", SpacecraftFlightV200ViewSet, basename="spacecraftflight")

# What its responses link to, at 2.0.0's own paths. These come after the router's routes, so that
# `spacecraft/flight/` is never read as the spacecraft with id "flight".
LINKED_2_0_0 = {
    "agencies": "agency",
    "config/launcher": "launcherconfig",
    "config/spacecraft": "spacecraftconfig",
    "launch": "launch",
    "location": "location",
    "pad": "pad",
    "program": "program",
    "spacecraft": "spacecraft",
}


urlpatterns = [
    path("2.3.0/", include((v2_3_0.urls + linked_only(LINKED_2_3_0), "2.3.0"))),
    path("2.0.0/", include((v2_0_0.urls + linked_only(LINKED_2_0_0), "2.0.0"))),
]

handler404 = "lldapi.api.errors.not_found"
handler500 = "lldapi.api.errors.server_error"
