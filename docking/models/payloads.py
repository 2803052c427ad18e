from django.db import models

from agencies.models import Agency, Image
from launches.models import Landing, Launch, Program, Rocket
from lldapi.records import NamedType, Record


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

    class Meta(Record.Meta):
        indexes = [models.Index(fields=["name", "id"])]


class PayloadFlight(Record):
    destination = models.CharField(max_length=255, null=True)
    amount = models.IntegerField(null=True)
    # `payloadflight` is the name LL2's payload search and ordering give a payload's flights.
    payload = models.ForeignKey(
        Payload, models.SET_NULL, null=True, related_name="flights", related_query_name="payloadflight"
    )
    launch = models.ForeignKey(Launch, models.SET_NULL, null=True, related_name="+")
    landing = models.OneToOneField(Landing, models.SET_NULL, null=True, related_name="payloadflight")
    # LL2's payload flights reach their launch through a rocket (`payloadflight__rocket__launch__name`
    # in its payload search); ours hold the launch itself. `rocket` is the flight itself, joined on its
    # id and with no column of its own, so that `rocket__launch` names our `launch`.
    rocket = models.ForeignObject(
        "self", models.DO_NOTHING, from_fields=["id"], to_fields=["id"], null=True, related_name="+"
    )
    # The launch's rocket, whose `payloads` LL2 lists the flight in (a detailed launch's).
    carrier_rocket = models.ForeignKey(Rocket, models.SET_NULL, null=True, related_name="payloads")
