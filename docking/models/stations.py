from django.db import models

from agencies.models import Image
from lldapi.api.models import NamedType, Record


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
    orbit = models.CharField(max_length=255, null=True)
    type = models.ForeignKey(SpaceStationType, models.SET_NULL, null=True, related_name="+")
