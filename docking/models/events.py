from django.db import models
from django.db.models import Q
from django.db.models.functions import Now

from lldapi.records import Record
from spacecraft.models import SpacecraftConfig, SpacecraftFlight

from .payloads import Payload, PayloadFlight
from .stations import SpaceStation


class DockingLocation(Record):
    name = models.CharField(max_length=255, null=True)
    # A station's docking locations (SpaceStationDetailedEndpoint.docking_location).
    spacestation = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="docking_location")
    spacecraft = models.ForeignKey(SpacecraftConfig, models.SET_NULL, null=True, related_name="+")
    payload = models.ForeignKey(Payload, models.SET_NULL, null=True, related_name="+")


class DockingEvent(Record):
    # At the time of the query: not departed yet (no departure, or one still to come)...
    NOT_DEPARTED = Q(departure__isnull=True) | Q(departure__gt=Now())
    # ... and docked already: what is docked at a location now.
    DOCKED = Q(docking__lte=Now()) & NOT_DEPARTED

    docking = models.DateTimeField(null=True)
    departure = models.DateTimeField(null=True)
    docking_location = models.ForeignKey(
        DockingLocation, models.SET_NULL, null=True, related_name="docking_events"
    )
    # A station's docking events are those that target it (SpaceStationDetailedEndpoint.active_docking_events).
    space_station_target = models.ForeignKey(
        SpaceStation, models.SET_NULL, null=True, related_name="docking_events"
    )
    flight_vehicle_target = models.ForeignKey(
        SpacecraftFlight, models.SET_NULL, null=True, related_name="+"
    )
    payload_flight_target = models.ForeignKey(PayloadFlight, models.SET_NULL, null=True, related_name="+")
    # A flight's own docking events (SpacecraftFlightDetailed.docking_events) are those it chases;
    # likewise a payload flight's (PayloadFlightDetailed.docking_events).
    flight_vehicle_chaser = models.ForeignKey(
        SpacecraftFlight, models.SET_NULL, null=True, related_name="docking_events"
    )
    space_station_chaser = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="+")
    payload_flight_chaser = models.ForeignKey(
        PayloadFlight, models.SET_NULL, null=True, related_name="docking_events"
    )

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["docking", "id"]),
            models.Index(fields=["departure", "id"]),
        ]
