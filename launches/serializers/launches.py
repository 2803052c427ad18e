from agencies.serializers.agencies import AgencyDetailed, AgencyMini
from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

from .places import CelestialBodyMini, Pad


class LaunchStatus(RecordSerializer):
    class Meta:
        model = models.LaunchStatus
        fields = ["id", "name", "abbrev", "description"]


class NetPrecision(RecordSerializer):
    class Meta:
        model = models.NetPrecision
        fields = ["id", "name", "abbrev", "description"]


class LauncherConfigFamilyMini(RecordSerializer):
    response_mode = Constant("list")

    class Meta:
        model = models.LauncherConfigFamily
        fields = ["response_mode", "id", "name"]


class LauncherConfigList(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("launcherconfig")
    families = LauncherConfigFamilyMini(many=True)

    class Meta:
        model = models.LauncherConfig
        fields = ["response_mode", "id", "url", "name", "families", "full_name", "variant"]


class RocketNormal(RecordSerializer):
    configuration = LauncherConfigList()

    class Meta:
        model = models.Rocket
        fields = ["id", "configuration"]


class Orbit(RecordSerializer):
    celestial_body = CelestialBodyMini()

    class Meta:
        model = models.Orbit
        fields = ["id", "name", "abbrev", "celestial_body"]


InfoURLType = id_and_name(models.InfoURLType)


VidURLType = id_and_name(models.VidURLType)


class Language(RecordSerializer):
    class Meta:
        model = models.Language
        fields = ["id", "name", "code"]


class InfoURL(RecordSerializer):
    type = InfoURLType()
    language = Language()

    class Meta:
        model = models.InfoURL
        fields = ["priority", "source", "title", "description", "feature_image", "url", "type", "language"]


class VidURL(RecordSerializer):
    type = VidURLType()
    language = Language()

    class Meta:
        model = models.VidURL
        fields = [
            "priority", "source", "publisher", "title", "description", "feature_image", "url", "type",
            "language", "start_time", "end_time", "live",
        ]


MissionType = id_and_name(models.MissionType)


class Update(RecordSerializer):
    class Meta:
        model = models.Update
        fields = ["id", "profile_image", "comment", "info_url", "created_by", "created_on"]


class TimelineEventType(RecordSerializer):
    class Meta:
        model = models.TimelineEventType
        fields = ["id", "abbrev", "description"]


class TimelineEvent(RecordSerializer):
    type = TimelineEventType()

    class Meta:
        model = models.TimelineEvent
        fields = ["type", "relative_time"]


class Mission(RecordSerializer):
    image = Image()
    orbit = Orbit()
    agencies = AgencyDetailed(many=True)
    info_urls = InfoURL(many=True)
    vid_urls = VidURL(many=True)

    class Meta:
        model = models.Mission
        fields = ["id", "name", "type", "description", "image", "orbit", "agencies", "info_urls", "vid_urls"]


ProgramType = id_and_name(models.ProgramType)


class MissionPatch(RecordSerializer):
    agency = AgencyMini()
    response_mode = Constant("normal")

    class Meta:
        model = models.MissionPatch
        fields = ["id", "name", "priority", "image_url", "agency", "response_mode"]


class ProgramMini(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("program")
    image = Image()

    class Meta:
        model = models.Program
        fields = ["response_mode", "id", "url", "name", "image", "info_url", "wiki_url"]


class ProgramNormal(ProgramMini):
    response_mode = Constant("normal")
    agencies = AgencyMini(many=True)
    mission_patches = MissionPatch(many=True)
    type = ProgramType()

    class Meta(ProgramMini.Meta):
        fields = ProgramMini.Meta.fields + [
            "description", "agencies", "start_date", "end_date", "mission_patches", "type",
        ]


class LaunchMini(RecordSerializer):
    url = self_link("launch")

    class Meta:
        model = models.Launch
        fields = ["id", "url", "name"]


class LaunchBasic(LaunchMini):
    response_mode = Constant("list")
    status = LaunchStatus()
    net_precision = NetPrecision()
    image = Image()

    class Meta(LaunchMini.Meta):
        fields = LaunchMini.Meta.fields + [
            "response_mode", "slug", "launch_designator", "status", "last_updated", "net",
            "net_precision", "window_end", "window_start", "image", "infographic",
        ]


class LaunchNormal(LaunchBasic):
    response_mode = Constant("normal")
    launch_service_provider = AgencyMini()
    rocket = RocketNormal()
    mission = Mission()
    pad = Pad()
    program = ProgramNormal(many=True)

    class Meta(LaunchBasic.Meta):
        fields = LaunchBasic.Meta.fields + [
            "probability", "weather_concerns", "failreason", "hashtag", "launch_service_provider", "rocket",
            "mission", "pad", "webcast_live", "program", "orbital_launch_attempt_count",
            "location_launch_attempt_count", "pad_launch_attempt_count", "agency_launch_attempt_count",
            "orbital_launch_attempt_count_year", "location_launch_attempt_count_year",
            "pad_launch_attempt_count_year", "agency_launch_attempt_count_year",
        ]
