"""Events: the dated happenings LL2 lists beside launches (dockings, spacewalks, tests, press events)."""

from django.db import models

from agencies.models import Agency, Image
from lldapi.records import NamedType, Record

from .astronauts import Astronaut
from .launches import Launch, NetPrecision, Program


class EventType(NamedType):
    pass


class Event(Record):
    name = models.CharField(max_length=200, null=True)
    slug = models.SlugField(max_length=200, null=True)
    type = models.ForeignKey(EventType, models.SET_NULL, null=True, related_name="+")
    description = models.CharField(max_length=2048, null=True)
    webcast_live = models.BooleanField(null=True)
    location = models.CharField(max_length=100, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    date = models.DateTimeField(null=True)
    date_precision = models.ForeignKey(NetPrecision, models.SET_NULL, null=True, related_name="+")
    duration = models.DurationField(null=True)
    last_updated = models.DateTimeField(null=True)
    agencies = models.ManyToManyField(Agency, related_name="+")
    launches = models.ManyToManyField(Launch, related_name="+")
    expeditions = models.ManyToManyField("docking.Expedition", related_name="+")
    spacestations = models.ManyToManyField("docking.SpaceStation", related_name="+")
    program = models.ManyToManyField(Program, related_name="+")
    astronauts = models.ManyToManyField(Astronaut, related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["date", "id"]),
            models.Index(fields=["last_updated", "id"]),
        ]
