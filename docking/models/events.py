from django.db import models

from lldapi.api.models import Record
from spacecraft.models import SpacecraftConfig, SpacecraftFlight

from .payloads import Payload, PayloadFlight
from .stations import SpaceStation


class DockingLocation(Record):
    name = models.CharField(max_length=255, null=True)
    spacestation = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="+")
    spacecraft = models.ForeignKey(SpacecraftConfig, models.SET_NULL, null=True, related_name="+")
    payload = models.ForeignKey(Payload, models.SET_NULL, null=True, related_name="+")


class DockingEvent(Record):
    docking = models.DateTimeField(null=True)
    departure = models.DateTimeField(null=True)
    docking_location = models.ForeignKey(DockingLocation, models.SET_NULL, null=True, related_name="+")
    space_station_target = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="+")
    flight_vehicle_target = models.ForeignKey(
        SpacecraftFlight, models.SET_NULL, null=True, related_name="+"
    )
    payload_flight_target = models.ForeignKey(PayloadFlight, models.SET_NULL, null=True, related_name="+")
    # A flight's own docking events (SpacecraftFlightDetailed.docking_events) are those it chases.
    flight_vehicle_chaser = models.ForeignKey(
        SpacecraftFlight, models.SET_NULL, null=True, related_name="docking_events"
    )
    space_station_chaser = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="+")
    payload_flight_chaser = models.ForeignKey(PayloadFlight, models.SET_NULL, null=True, related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["docking", "id"]),
            models.Index(fields=["departure", "id"]),
        ]
