"""Launcher configurations and their families, in the shapes an agency's `launcher_list` shows."""

from agencies.serializers.agencies import AgencyDetailed, AgencyNormal
from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer

from .launches import LauncherConfigFamilyMini, ProgramNormal

LAUNCH_COUNTS = [
    "total_launch_count", "consecutive_successful_launches", "successful_launches", "failed_launches",
    "pending_launches", "attempted_landings", "successful_landings", "failed_landings",
    "consecutive_successful_landings",
]


class LauncherConfigFamilyNormal(RecordSerializer):
    response_mode = Constant("normal")
    manufacturer = AgencyNormal(many=True)
    parent = LauncherConfigFamilyMini()

    class Meta:
        model = models.LauncherConfigFamily
        fields = ["response_mode", "id", "name", "manufacturer", "parent"]


class LauncherConfigFamilyDetailed(LauncherConfigFamilyNormal):
    response_mode = Constant("detailed")
    manufacturer = AgencyDetailed(many=True)
    parent = LauncherConfigFamilyNormal()

    class Meta(LauncherConfigFamilyNormal.Meta):
        fields = LauncherConfigFamilyNormal.Meta.fields + ["description", "active", "maiden_flight", *LAUNCH_COUNTS]


class LauncherConfigDetailedSerializerNoManufacturer(RecordSerializer):
    response_mode = Constant("detailed")
    url = self_link("launcherconfig")
    families = LauncherConfigFamilyDetailed(many=True)
    program = ProgramNormal(many=True)
    image = Image()

    class Meta:
        model = models.LauncherConfig
        fields = [
            "response_mode", "id", "url", "name", "families", "full_name", "variant", "active",
            "is_placeholder", "program", "reusable", "image", "info_url", "wiki_url", "description", "alias",
            "min_stage", "max_stage", "length", "diameter", "maiden_flight", "launch_cost", "launch_mass",
            "leo_capacity", "gto_capacity", "geo_capacity", "sso_capacity", "to_thrust", "apogee",
            *LAUNCH_COUNTS, "fastest_turnaround",
        ]
