from agencies.serializers.agencies import AgencyMini, Country, SocialMediaLink
from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

AstronautStatus = id_and_name(models.AstronautStatus)


AstronautType = id_and_name(models.AstronautType)


class AstronautDetailed(RecordSerializer):
    url = self_link("astronaut")
    status = AstronautStatus()
    agency = AgencyMini()
    image = Image()
    response_mode = Constant("list")
    type = AstronautType()
    nationality = Country(many=True)
    social_media_links = SocialMediaLink(many=True)

    class Meta:
        model = models.Astronaut
        fields = [
            "id", "url", "name", "status", "agency", "image", "response_mode", "type", "in_space",
            "time_in_space", "eva_time", "age", "date_of_birth", "date_of_death", "nationality", "bio",
            "wiki", "last_flight", "first_flight", "social_media_links",
        ]


class AstronautRole(RecordSerializer):
    class Meta:
        model = models.AstronautRole
        fields = ["id", "role", "priority"]


class AstronautFlight(RecordSerializer):
    role = AstronautRole()
    astronaut = AstronautDetailed()

    class Meta:
        model = models.AstronautFlight
        fields = ["id", "role", "astronaut"]


class AstronautNormal(RecordSerializer):
    url = self_link("astronaut")
    status = AstronautStatus()
    agency = AgencyMini()
    image = Image()

    class Meta:
        model = models.Astronaut
        fields = ["id", "url", "name", "status", "agency", "image"]
