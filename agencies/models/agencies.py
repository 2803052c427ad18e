from django.db import models

from lldapi.collation import Collated
from lldapi.records import NamedType, Record

from .images import Image


class AgencyType(NamedType):
    pass


class Country(Record):
    name = models.CharField(max_length=255, null=True)
    alpha_2_code = models.CharField(max_length=2, null=True)
    alpha_3_code = models.CharField(max_length=3, null=True)
    nationality_name = models.CharField(max_length=255, null=True)
    nationality_name_composed = models.CharField(max_length=255, null=True)


class SocialMedia(Record):
    name = models.CharField(max_length=255, null=True)
    url = models.URLField(max_length=1024, null=True)
    logo = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")


class SocialMediaLink(Record):
    social_media = models.ForeignKey(SocialMedia, models.SET_NULL, null=True, related_name="+")
    url = models.URLField(max_length=1024, null=True)


class Agency(Record):
    name = models.CharField(max_length=200, null=True)
    abbrev = models.CharField(max_length=255, null=True)
    type = models.ForeignKey(AgencyType, models.SET_NULL, null=True, related_name="+")
    # LL2 2.0.0 gives the type as a bare name, without the id that would identify an AgencyType.
    legacy_type = models.CharField(max_length=255, null=True)
    featured = models.BooleanField(null=True)
    country = models.ManyToManyField(Country, related_name="+")
    description = models.CharField(max_length=2048, null=True)
    administrator = models.CharField(max_length=200, null=True)
    founding_year = models.IntegerField(null=True)
    launchers = models.CharField(max_length=500, null=True)
    spacecraft = models.CharField(max_length=500, null=True)
    # LL2 publishes the parent agency by its name alone (`parent`); the link itself, which the
    # `parent__id` filter reads, is only known from data that holds it (the synthetic data set).
    parent = models.CharField(max_length=255, null=True)
    parent_agency = models.ForeignKey("self", models.SET_NULL, null=True, related_name="+")
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    logo = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    social_logo = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    total_launch_count = models.IntegerField(null=True)
    consecutive_successful_launches = models.IntegerField(null=True)
    successful_launches = models.IntegerField(null=True)
    failed_launches = models.IntegerField(null=True)
    pending_launches = models.IntegerField(null=True)
    consecutive_successful_landings = models.IntegerField(null=True)
    successful_landings = models.IntegerField(null=True)
    failed_landings = models.IntegerField(null=True)
    attempted_landings = models.IntegerField(null=True)
    successful_landings_spacecraft = models.IntegerField(null=True)
    failed_landings_spacecraft = models.IntegerField(null=True)
    attempted_landings_spacecraft = models.IntegerField(null=True)
    successful_landings_payload = models.IntegerField(null=True)
    failed_landings_payload = models.IntegerField(null=True)
    attempted_landings_payload = models.IntegerField(null=True)
    info_url = models.URLField(max_length=200, null=True)
    wiki_url = models.URLField(max_length=200, null=True)
    social_media_links = models.ManyToManyField(SocialMediaLink, related_name="+")

    class Meta(Record.Meta):
        # LL2 lists agencies by name wherever it nests several (a program's or a mission's).
        ordering = [Collated("name"), "id"]
        verbose_name_plural = "agencies"
        indexes = [
            models.Index(fields=[column, "id"])
            for column in [
                "name", "abbrev", "featured", "founding_year", "total_launch_count",
                "consecutive_successful_launches", "successful_launches", "failed_launches", "pending_launches",
                "consecutive_successful_landings", "successful_landings", "failed_landings", "attempted_landings",
            ]
        ]
