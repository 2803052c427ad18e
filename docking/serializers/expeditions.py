from docking import models
from launches.serializers.astronauts import AstronautFlight
from launches.serializers.launches import MissionPatch
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer

from .stations import SpaceStationDetailed, SpaceStationNormal


class SpacewalkList(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("spacewalk")

    class Meta:
        model = models.Spacewalk
        fields = ["response_mode", "id", "url", "name", "start", "end", "duration", "location"]


class SpacewalkNormal(SpacewalkList):
    """A spacewalk and its crew, as an astronaut lists them: `list` by its schema."""

    crew = AstronautFlight(many=True)

    class Meta(SpacewalkList.Meta):
        fields = SpacewalkList.Meta.fields + ["crew"]


class ExpeditionMini(RecordSerializer):
    url = self_link("expedition")

    class Meta:
        model = models.Expedition
        fields = ["id", "url", "name", "start", "end"]


class ExpeditionNormal(ExpeditionMini):
    response_mode = Constant("normal")
    spacestation = SpaceStationNormal()
    mission_patches = MissionPatch(many=True)
    spacewalks = SpacewalkList(many=True)

    class Meta(ExpeditionMini.Meta):
        fields = ExpeditionMini.Meta.fields + ["response_mode", "spacestation", "mission_patches", "spacewalks"]


class ExpeditionDetailed(ExpeditionNormal):
    response_mode = Constant("detailed")
    spacestation = SpaceStationDetailed()
    crew = AstronautFlight(many=True)

    class Meta(ExpeditionNormal.Meta):
        fields = ExpeditionNormal.Meta.fields + ["crew"]


class ExpeditionNormalSerializerForSpacewalk(ExpeditionMini):
    spacestation = SpaceStationNormal()
    mission_patches = MissionPatch(many=True)

    class Meta(ExpeditionMini.Meta):
        fields = ExpeditionMini.Meta.fields + ["spacestation", "mission_patches"]
