from django.db import models

from agencies.models import Agency, Image
from launches.models import Landing, Launch, Program
from lldapi.api.models import NamedType, Record


class PayloadType(NamedType):
    pass


class Payload(Record):
    name = models.CharField(max_length=1048, null=True)
    type = models.ForeignKey(PayloadType, models.SET_NULL, null=True, related_name="+")
    manufacturer = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")
    operator = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    wiki_link = models.URLField(max_length=200, null=True)
    info_link = models.URLField(max_length=200, null=True)
    program = models.ManyToManyField(Program, related_name="+")
    cost = models.BigIntegerField(null=True)
    mass = models.FloatField(null=True)
    description = models.CharField(max_length=2048, null=True)


class PayloadFlight(Record):
    destination = models.CharField(max_length=255, null=True)
    amount = models.IntegerField(null=True)
    payload = models.ForeignKey(Payload, models.SET_NULL, null=True, related_name="+")
    launch = models.ForeignKey(Launch, models.SET_NULL, null=True, related_name="+")
    landing = models.ForeignKey(Landing, models.SET_NULL, null=True, related_name="+")
