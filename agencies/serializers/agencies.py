from agencies import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

from .images import Image

AgencyType = id_and_name(models.AgencyType)


class Country(RecordSerializer):
    class Meta:
        model = models.Country
        fields = ["id", "name", "alpha_2_code", "alpha_3_code", "nationality_name", "nationality_name_composed"]


class SocialMedia(RecordSerializer):
    logo = Image()

    class Meta:
        model = models.SocialMedia
        fields = ["id", "name", "url", "logo"]


class SocialMediaLink(RecordSerializer):
    social_media = SocialMedia()

    class Meta:
        model = models.SocialMediaLink
        fields = ["id", "social_media", "url"]


class AgencyMini(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("agency")
    type = AgencyType()

    class Meta:
        model = models.Agency
        fields = ["response_mode", "id", "url", "name", "abbrev", "type"]


class AgencyNormal(AgencyMini):
    response_mode = Constant("normal")
    country = Country(many=True)
    image = Image()
    logo = Image()
    social_logo = Image()

    class Meta(AgencyMini.Meta):
        fields = AgencyMini.Meta.fields + [
            "featured", "country", "description", "administrator", "founding_year", "launchers",
            "spacecraft", "parent", "image", "logo", "social_logo",
        ]


class AgencyDetailed(AgencyNormal):
    social_media_links = SocialMediaLink(many=True)

    class Meta(AgencyNormal.Meta):
        fields = AgencyNormal.Meta.fields + [
            "total_launch_count", "consecutive_successful_launches", "successful_launches",
            "failed_launches", "pending_launches", "consecutive_successful_landings",
            "successful_landings", "failed_landings", "attempted_landings",
            "successful_landings_spacecraft", "failed_landings_spacecraft",
            "attempted_landings_spacecraft", "successful_landings_payload", "failed_landings_payload",
            "attempted_landings_payload", "info_url", "wiki_url", "social_media_links",
        ]
