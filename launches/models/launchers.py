"""First stages: the reusable boosters (launchers) and each launch's use of one."""

from django.db import models

from agencies.models import Image
from lldapi.records import NamedType, Record

from .launches import Launch, LauncherConfig, Rocket
from .places import Landing


class LauncherStatus(NamedType):
    name = models.CharField(max_length=50, null=True)

    class Meta(NamedType.Meta):
        verbose_name_plural = "launcher statuses"


class Launcher(Record):
    """A first stage by its serial number (B1048), with the flight and landing counts LL2 publishes."""

    flight_proven = models.BooleanField(null=True)
    serial_number = models.CharField(max_length=10, null=True)
    is_placeholder = models.BooleanField(null=True)
    status = models.ForeignKey(LauncherStatus, models.SET_NULL, null=True, related_name="+")
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    details = models.CharField(max_length=2048, null=True)
    successful_landings = models.IntegerField(null=True)
    attempted_landings = models.IntegerField(null=True)
    flights = models.IntegerField(null=True)
    last_launch_date = models.DateTimeField(null=True)
    first_launch_date = models.DateTimeField(null=True)
    fastest_turnaround = models.DurationField(null=True)
    launcher_config = models.ForeignKey(LauncherConfig, models.SET_NULL, null=True, related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["serial_number", "id"]),
            models.Index(fields=["flights", "id"]),
            models.Index(fields=["flight_proven", "id"]),
            models.Index(fields=["successful_landings", "id"]),
            models.Index(fields=["attempted_landings", "id"]),
        ]


class FirstStageType(NamedType):
    name = models.CharField(max_length=50, null=True)


class FirstStage(Record):
    """One launcher on one launch's rocket (its `launcher_stage`), with the landing that followed."""

    type = models.ForeignKey(FirstStageType, models.SET_NULL, null=True, related_name="+")
    reused = models.BooleanField(null=True)
    launcher_flight_number = models.IntegerField(null=True)
    launcher = models.ForeignKey(Launcher, models.SET_NULL, null=True, related_name="+")
    previous_flight_date = models.DateTimeField(null=True)
    turn_around_time = models.DurationField(null=True)
    landing = models.OneToOneField(Landing, models.SET_NULL, null=True, related_name="firststage")
    previous_flight = models.ForeignKey(Launch, models.SET_NULL, null=True, related_name="+")
    rocket = models.ForeignKey(Rocket, models.SET_NULL, null=True, related_name="launcher_stage")
