from django.db import models

from agencies.models import Agency, Country, Image, SocialMediaLink
from lldapi.records import NamedType, Record


class AstronautStatus(NamedType):
    class Meta(NamedType.Meta):
        verbose_name_plural = "astronaut statuses"


class AstronautType(NamedType):
    pass


class Astronaut(Record):
    name = models.CharField(max_length=255, null=True)
    status = models.ForeignKey(AstronautStatus, models.SET_NULL, null=True, related_name="+")
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    type = models.ForeignKey(AstronautType, models.SET_NULL, null=True, related_name="+")
    in_space = models.BooleanField(null=True)
    time_in_space = models.DurationField(null=True)
    eva_time = models.DurationField(null=True)
    age = models.IntegerField(null=True)
    date_of_birth = models.DateField(null=True)
    date_of_death = models.DateField(null=True)
    nationality = models.ManyToManyField(Country, related_name="+")
    bio = models.CharField(max_length=2048, null=True)
    wiki = models.CharField(max_length=255, null=True)
    last_flight = models.DateTimeField(null=True)
    first_flight = models.DateTimeField(null=True)
    social_media_links = models.ManyToManyField(SocialMediaLink, related_name="+")
    # Counts LL2 computes, stored as it publishes them: the lists below, which LL2 derives from the
    # crews of flights and spacewalks, are stored as published too.
    flights_count = models.IntegerField(null=True)
    landings_count = models.IntegerField(null=True)
    spacewalks_count = models.IntegerField(null=True)
    # The launches the astronaut flew on, the spacecraft flights they landed with, their spacewalks.
    flights = models.ManyToManyField("Launch", related_name="+")
    landings = models.ManyToManyField("spacecraft.SpacecraftFlight", related_name="+")
    spacewalks = models.ManyToManyField("docking.Spacewalk", related_name="+")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["age", "id"]),
            models.Index(fields=["date_of_birth", "id"]),
            models.Index(fields=["eva_time", "id"]),
            models.Index(fields=["time_in_space", "id"]),
            models.Index(fields=["first_flight", "id"]),
            models.Index(fields=["last_flight", "id"]),
            models.Index(fields=["flights_count", "id"]),
            models.Index(fields=["landings_count", "id"]),
            models.Index(fields=["spacewalks_count", "id"]),
        ]


class AstronautRole(Record):
    role = models.CharField(max_length=255, null=True)
    priority = models.IntegerField(null=True)


class AstronautFlight(Record):
    """One astronaut's seat, with a role, on one leg (launch, on board, landing) of a flight."""

    role = models.ForeignKey(AstronautRole, models.SET_NULL, null=True, related_name="+")
    astronaut = models.ForeignKey(Astronaut, models.SET_NULL, null=True, related_name="+")
