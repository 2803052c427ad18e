from django.db import models
from django.db.models import Q
from django.db.models.functions import Now

from agencies.models import Agency, Image
from launches.models import AstronautFlight, Event, MissionPatch, Program
from lldapi.records import NamedType, Record
from spacecraft.models import SpacecraftFlight


class SpaceStationStatus(NamedType):
    class Meta(NamedType.Meta):
        verbose_name_plural = "space station statuses"


class SpaceStationType(NamedType):
    pass


class SpaceStation(Record):
    name = models.CharField(max_length=255, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    status = models.ForeignKey(SpaceStationStatus, models.SET_NULL, null=True, related_name="+")
    founded = models.DateField(null=True)
    deorbited = models.DateField(null=True)
    description = models.CharField(max_length=2048, null=True)
    # The name of the station's orbit, as LL2 publishes it ("Low Earth Orbit"), without the orbit's id.
    orbit = models.CharField(max_length=255, null=True)
    type = models.ForeignKey(SpaceStationType, models.SET_NULL, null=True, related_name="+")
    owners = models.ManyToManyField(Agency, related_name="+")
    height = models.FloatField(null=True)
    width = models.FloatField(null=True)
    mass = models.FloatField(null=True)
    volume = models.IntegerField(null=True)
    # Counts LL2 computes, stored as it publishes them: the crew of the expeditions under way, and the
    # vehicles docked to the station.
    onboard_crew = models.IntegerField(null=True)
    docked_vehicles = models.IntegerField(null=True)

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["founded", "id"]),
            models.Index(fields=["volume", "id"]),
            models.Index(fields=["onboard_crew", "id"]),
            models.Index(fields=["docked_vehicles", "id"]),
        ]


class Expedition(Record):
    # Under way at the time of the query: not ended yet (no end, or an end still to come).
    UNDER_WAY = Q(end__isnull=True) | Q(end__gt=Now())

    name = models.CharField(max_length=255, null=True)
    start = models.DateTimeField(null=True)
    end = models.DateTimeField(null=True)
    spacestation = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="expeditions")
    # A mission patch's expeditions (MissionPatchDetailed.expeditions).
    mission_patches = models.ManyToManyField(MissionPatch, related_name="expeditions")
    crew = models.ManyToManyField(AstronautFlight, related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["start", "id"]),
            models.Index(fields=["end", "id"]),
        ]


class Spacewalk(Record):
    name = models.CharField(max_length=255, null=True)
    start = models.DateTimeField(null=True)
    end = models.DateTimeField(null=True)
    # Computed by LL2 (end - start), stored as it publishes it.
    duration = models.DurationField(null=True)
    location = models.CharField(max_length=255, null=True)
    crew = models.ManyToManyField(AstronautFlight, related_name="+")
    expedition = models.ForeignKey(Expedition, models.SET_NULL, null=True, related_name="spacewalks")
    spacestation = models.ForeignKey(SpaceStation, models.SET_NULL, null=True, related_name="+")
    spacecraft_flight = models.ForeignKey(SpacecraftFlight, models.SET_NULL, null=True, related_name="+")
    event = models.ForeignKey(Event, models.SET_NULL, null=True, related_name="+")
    program = models.ManyToManyField(Program, related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["start", "id"]),
            models.Index(fields=["end", "id"]),
            models.Index(fields=["duration", "id"]),
        ]
