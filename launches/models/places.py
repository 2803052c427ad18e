"""Celestial bodies, launch and landing sites, and landings."""

from django.db import models

from agencies.models import Agency, Country, Image
from lldapi.records import NamedType, Record


class CelestialBodyType(NamedType):
    pass


class CelestialBody(Record):
    name = models.CharField(max_length=255, null=True)
    type = models.ForeignKey(CelestialBodyType, models.SET_NULL, null=True, related_name="+")
    diameter = models.FloatField(null=True)
    mass = models.FloatField(null=True)
    gravity = models.FloatField(null=True)
    length_of_day = models.DurationField(null=True)
    atmosphere = models.BooleanField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    description = models.TextField(null=True)
    wiki_url = models.URLField(max_length=200, null=True)
    total_attempted_launches = models.IntegerField(null=True)
    successful_launches = models.IntegerField(null=True)
    failed_launches = models.IntegerField(null=True)
    total_attempted_landings = models.IntegerField(null=True)
    successful_landings = models.IntegerField(null=True)
    failed_landings = models.IntegerField(null=True)

    class Meta(Record.Meta):
        verbose_name_plural = "celestial bodies"
        indexes = [models.Index(fields=["name", "id"])]


class Location(Record):
    name = models.CharField(max_length=255, null=True)
    celestial_body = models.ForeignKey(CelestialBody, models.SET_NULL, null=True, related_name="locations")
    active = models.BooleanField(null=True)
    country = models.ForeignKey(Country, models.SET_NULL, null=True, related_name="+")
    # LL2 2.0.0 gives the country as a bare alpha-3 code, without the id of a Country.
    country_code = models.CharField(max_length=3, null=True)
    description = models.CharField(max_length=2048, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    map_image = models.URLField(max_length=1024, null=True)
    longitude = models.FloatField(null=True)
    latitude = models.FloatField(null=True)
    timezone_name = models.CharField(max_length=255, null=True)
    total_launch_count = models.IntegerField(null=True)
    total_landing_count = models.IntegerField(null=True)

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["total_launch_count", "id"]),
            models.Index(fields=["total_landing_count", "id"]),
        ]


class Pad(Record):
    active = models.BooleanField(null=True)
    agencies = models.ManyToManyField(Agency, related_name="+")
    # LL2 2.0.0's single `agency_id`, kept as published: it predates the `agencies` list.
    agency_id = models.IntegerField(null=True)
    name = models.CharField(max_length=255, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    description = models.CharField(max_length=2048, null=True)
    info_url = models.URLField(max_length=200, null=True)
    wiki_url = models.URLField(max_length=200, null=True)
    map_url = models.URLField(max_length=200, null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    country = models.ForeignKey(Country, models.SET_NULL, null=True, related_name="+")
    map_image = models.URLField(max_length=1024, null=True)
    total_launch_count = models.IntegerField(null=True)
    orbital_launch_attempt_count = models.IntegerField(null=True)
    fastest_turnaround = models.DurationField(null=True)
    location = models.ForeignKey(Location, models.SET_NULL, null=True, related_name="pads")

    class Meta(Record.Meta):
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["total_launch_count", "id"]),
            models.Index(fields=["orbital_launch_attempt_count", "id"]),
        ]


class LandingLocation(Record):
    name = models.CharField(max_length=255, null=True)
    active = models.BooleanField(null=True)
    abbrev = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=2048, null=True)
    location = models.ForeignKey(Location, models.SET_NULL, null=True, related_name="+")
    longitude = models.FloatField(null=True)
    latitude = models.FloatField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    successful_landings = models.IntegerField(null=True)
    attempted_landings = models.IntegerField(null=True)
    failed_landings = models.IntegerField(null=True)
    celestial_body = models.ForeignKey(CelestialBody, models.SET_NULL, null=True, related_name="+")


class LandingType(Record):
    name = models.CharField(max_length=255, null=True)
    abbrev = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=2048, null=True)


class Landing(Record):
    attempt = models.BooleanField(null=True)
    success = models.BooleanField(null=True)
    description = models.CharField(max_length=2048, null=True)
    downrange_distance = models.FloatField(null=True)
    landing_location = models.ForeignKey(LandingLocation, models.SET_NULL, null=True, related_name="+")
    type = models.ForeignKey(LandingType, models.SET_NULL, null=True, related_name="+")

    class Meta(Record.Meta):
        indexes = [models.Index(fields=["downrange_distance", "id"])]
