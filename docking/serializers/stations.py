from agencies.serializers.agencies import AgencyNormal
from agencies.serializers.images import Image
from docking import models
from lldapi.api.fields import self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

SpaceStationStatus = id_and_name(models.SpaceStationStatus)


SpaceStationType = id_and_name(models.SpaceStationType)


class SpaceStationMini(RecordSerializer):
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


class SpaceStationDetailed(SpaceStationNormal):
    owners = AgencyNormal(many=True)

    class Meta(SpaceStationNormal.Meta):
        fields = SpaceStationNormal.Meta.fields + ["owners"]
