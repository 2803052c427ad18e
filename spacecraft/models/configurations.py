from django.db import models

from agencies.models import Agency, Image
from lldapi.collation import Collated
from lldapi.records import NamedType, Record


class SpacecraftConfigType(NamedType):
    pass


class FlightCounts(Record):
    """The flight, launch and landing counts that LL2 publishes for families and configurations."""

    spacecraft_flown = models.IntegerField(null=True)
    total_launch_count = models.IntegerField(null=True)
    successful_launches = models.IntegerField(null=True)
    failed_launches = models.IntegerField(null=True)
    attempted_landings = models.IntegerField(null=True)
    successful_landings = models.IntegerField(null=True)
    failed_landings = models.IntegerField(null=True)

    class Meta(Record.Meta):
        abstract = True


class SpacecraftConfigFamily(FlightCounts):
    name = models.CharField(max_length=200, null=True)
    description = models.CharField(max_length=2048, null=True)
    manufacturer = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")
    parent = models.ForeignKey("self", models.SET_NULL, null=True, related_name="+")
    maiden_flight = models.DateField(null=True)

    class Meta(FlightCounts.Meta):
        verbose_name_plural = "spacecraft config families"
        indexes = [models.Index(fields=["name", "id"])]


class SpacecraftConfig(FlightCounts):
    name = models.CharField(max_length=200, null=True)
    type = models.ForeignKey(SpacecraftConfigType, models.SET_NULL, null=True, related_name="+")
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="spacecraft_list")
    family = models.ManyToManyField(SpacecraftConfigFamily, related_name="configurations")
    in_use = models.BooleanField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    # LL2 2.0.0 gives the image as a bare URL, without the id of an Image.
    legacy_image_url = models.URLField(max_length=1024, null=True)
    capability = models.CharField(max_length=2048, null=True)
    history = models.CharField(max_length=1000, null=True)
    details = models.CharField(max_length=1000, null=True)
    maiden_flight = models.DateField(null=True)
    height = models.FloatField(null=True)
    diameter = models.FloatField(null=True)
    human_rated = models.BooleanField(null=True)
    crew_capacity = models.IntegerField(null=True)
    payload_capacity = models.IntegerField(null=True)
    payload_return_capacity = models.IntegerField(null=True)
    flight_life = models.CharField(max_length=2048, null=True)
    wiki_link = models.URLField(max_length=200, null=True)
    info_link = models.URLField(max_length=200, null=True)
    fastest_turnaround = models.DurationField(null=True)

    class Meta(FlightCounts.Meta):
        # LL2 lists an agency's and a family's spacecraft configurations by name.
        ordering = [Collated("name"), "id"]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["human_rated", "id"]),
            models.Index(fields=["in_use", "id"]),
        ]
