from django.db import models

from agencies.models import Image
from launches.models import AstronautFlight, Landing, Launch, Rocket
from lldapi.records import NamedType, Record

from .configurations import SpacecraftConfig


class SpacecraftStatus(NamedType):
    class Meta(NamedType.Meta):
        verbose_name_plural = "spacecraft statuses"


class Spacecraft(Record):
    name = models.CharField(max_length=255, null=True)
    serial_number = models.CharField(max_length=255, null=True)
    is_placeholder = models.BooleanField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    in_space = models.BooleanField(null=True)
    time_in_space = models.DurationField(null=True)
    time_docked = models.DurationField(null=True)
    flights_count = models.IntegerField(null=True)
    mission_ends_count = models.IntegerField(null=True)
    status = models.ForeignKey(SpacecraftStatus, models.SET_NULL, null=True, related_name="+")
    description = models.CharField(max_length=2048, null=True)
    spacecraft_config = models.ForeignKey(SpacecraftConfig, models.SET_NULL, null=True, related_name="+")
    fastest_turnaround = models.DurationField(null=True)

    class Meta(Record.Meta):
        verbose_name_plural = "spacecraft"
        indexes = [
            models.Index(fields=["in_space", "id"]),
            models.Index(fields=["is_placeholder", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["flights_count", "id"]),
            models.Index(fields=["mission_ends_count", "id"]),
            models.Index(fields=["time_docked", "id"]),
            models.Index(fields=["time_in_space", "id"]),
        ]


class SpacecraftFlight(Record):
    destination = models.CharField(max_length=255, null=True)
    mission_end = models.DateTimeField(null=True)
    spacecraft = models.ForeignKey(Spacecraft, models.SET_NULL, null=True, related_name="flights")
    launch = models.ForeignKey(Launch, models.SET_NULL, null=True, related_name="+")
    landing = models.OneToOneField(Landing, models.SET_NULL, null=True, related_name="spacecraftflight")
    # LL2's spacecraft flights reach their launch through a rocket (`spacecraftflight__rocket__launch__name`
    # in its landing search); ours hold the launch itself. `rocket` is the flight itself, joined on its
    # id and with no column of its own, so that `rocket__launch` names our `launch`.
    rocket = models.ForeignObject(
        "self", models.DO_NOTHING, from_fields=["id"], to_fields=["id"], null=True, related_name="+"
    )
    # The launch's rocket, whose `spacecraft_stage` LL2 lists the flight in (a detailed launch's);
    # `spacecraftflight` is the name LL2's launch filters and search give the rocket's flights.
    carrier_rocket = models.ForeignKey(Rocket, models.SET_NULL, null=True, related_name="spacecraftflight")
    duration = models.DurationField(null=True)
    turn_around_time = models.DurationField(null=True)
    launch_crew = models.ManyToManyField(AstronautFlight, related_name="+")
    onboard_crew = models.ManyToManyField(AstronautFlight, related_name="+")
    landing_crew = models.ManyToManyField(AstronautFlight, related_name="+")
