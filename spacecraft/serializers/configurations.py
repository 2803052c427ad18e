from agencies.serializers.agencies import AgencyMini, AgencyNormal
from agencies.serializers.images import Image
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name
from spacecraft import models

SpacecraftConfigType = id_and_name(models.SpacecraftConfigType)


class SpacecraftConfigFamilyMini(RecordSerializer):
    response_mode = Constant("list")

    class Meta:
        model = models.SpacecraftConfigFamily
        fields = ["response_mode", "id", "name"]


class SpacecraftConfigFamilyNormal(SpacecraftConfigFamilyMini):
    response_mode = Constant("normal")
    manufacturer = AgencyMini()
    parent = SpacecraftConfigFamilyMini()

    class Meta(SpacecraftConfigFamilyMini.Meta):
        fields = SpacecraftConfigFamilyMini.Meta.fields + ["description", "manufacturer", "parent", "maiden_flight"]


class SpacecraftConfigFamilyDetailed(SpacecraftConfigFamilyNormal):
    manufacturer = AgencyNormal()
    parent = SpacecraftConfigFamilyNormal()

    class Meta(SpacecraftConfigFamilyNormal.Meta):
        fields = SpacecraftConfigFamilyNormal.Meta.fields + [
            "spacecraft_flown", "total_launch_count", "successful_launches", "failed_launches",
            "attempted_landings", "successful_landings", "failed_landings",
        ]


class SpacecraftConfigNormal(RecordSerializer):
    response_mode = Constant("normal")
    url = self_link("spacecraftconfig")
    type = SpacecraftConfigType()
    agency = AgencyMini()
    family = SpacecraftConfigFamilyNormal(many=True)
    image = Image()

    class Meta:
        model = models.SpacecraftConfig
        fields = ["response_mode", "id", "url", "name", "type", "agency", "family", "in_use", "image"]


class SpacecraftConfigDetailed(SpacecraftConfigNormal):
    response_mode = Constant("detailed")
    agency = AgencyNormal()
    family = SpacecraftConfigFamilyDetailed(many=True)

    class Meta(SpacecraftConfigNormal.Meta):
        fields = SpacecraftConfigNormal.Meta.fields + [
            "capability", "history", "details", "maiden_flight", "height", "diameter", "human_rated",
            "crew_capacity", "payload_capacity", "payload_return_capacity", "flight_life", "wiki_link",
            "info_link", "spacecraft_flown", "total_launch_count", "successful_launches",
            "failed_launches", "attempted_landings", "successful_landings", "failed_landings",
            "fastest_turnaround",
        ]
