from docking import models
from lldapi.api.fields import self_link
from lldapi.api.serializers import ModelSerializer, id_and_name
from spacecraft.serializers.images import Image

SpaceStationStatus = id_and_name(models.SpaceStationStatus)


SpaceStationType = id_and_name(models.SpaceStationType)


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
