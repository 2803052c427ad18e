from docking import models
from lldapi.api.fields import self_link
from lldapi.api.serializers import ModelSerializer
from spacecraft.serializers.images import Image


class SpaceStationStatus(ModelSerializer):
    class Meta:
        model = models.SpaceStationStatus
        fields = ["id", "name"]


class SpaceStationType(ModelSerializer):
    class Meta:
        model = models.SpaceStationType
        fields = ["id", "name"]


class SpaceStationMini(ModelSerializer):
    url = self_link("spacestation")
    image = Image()

    class Meta:
        model = models.SpaceStation
        fields = ["id", "url", "name", "image"]


class SpaceStationNormal(SpaceStationMini):
    status = SpaceStationStatus()
    type = SpaceStationType()

    class Meta(SpaceStationMini.Meta):
        fields = SpaceStationMini.Meta.fields + ["status", "founded", "deorbited", "description", "orbit", "type"]
