"""Launcher configurations and their families, launchers (first stages by serial number) and a
launch's first stages."""

from rest_framework import serializers

from agencies.serializers.agencies import AgencyDetailed, AgencyNormal
from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import Constant, self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

from .launches import LauncherConfigFamilyMini, LaunchMini, ProgramNormal
from .places import Landing

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


class LauncherConfigNormal(RecordSerializer):
    response_mode = Constant("normal")
    url = self_link("launcherconfig")
    families = LauncherConfigFamilyNormal(many=True)
    manufacturer = AgencyNormal()
    program = ProgramNormal(many=True)
    image = Image()

    class Meta:
        model = models.LauncherConfig
        fields = [
            "response_mode", "id", "url", "name", "families", "full_name", "variant", "active",
            "is_placeholder", "manufacturer", "program", "reusable", "image", "info_url", "wiki_url",
        ]


class LauncherConfigDetailed(LauncherConfigDetailedSerializerNoManufacturer):
    manufacturer = AgencyDetailed()

    class Meta(LauncherConfigDetailedSerializerNoManufacturer.Meta):
        fields = [
            *LauncherConfigNormal.Meta.fields,
            *LauncherConfigDetailedSerializerNoManufacturer.Meta.fields[
                LauncherConfigDetailedSerializerNoManufacturer.Meta.fields.index("description") :
            ],
        ]


LauncherStatus = id_and_name(models.LauncherStatus)


class LauncherMini(RecordSerializer):
    response_mode = Constant("list")
    url = self_link("launcher")
    status = LauncherStatus()
    image = Image()

    class Meta:
        model = models.Launcher
        fields = ["response_mode", "id", "url", "flight_proven", "serial_number", "is_placeholder", "status", "image"]


class LauncherNormal(LauncherMini):
    response_mode = Constant("normal")

    class Meta(LauncherMini.Meta):
        fields = LauncherMini.Meta.fields + [
            "details", "successful_landings", "attempted_landings", "flights", "last_launch_date",
            "first_launch_date", "fastest_turnaround",
        ]


FirstStageType = id_and_name(models.FirstStageType)


class FirstStageTypeName(serializers.SlugRelatedField):
    """A first stage's `type`, which LL2 publishes by its name alone ("Core"): an import finds the type
    of that name, or adds it."""

    reads_relations = ("type",)

    def __init__(self, **kwargs):
        super().__init__(slug_field="name", queryset=models.FirstStageType.objects.all(), allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        stage_type = self.get_queryset().filter(name=data).order_by("id").first()
        return stage_type or models.FirstStageType.objects.create(name=data)


class FirstStageMini(RecordSerializer):
    type = FirstStageTypeName()
    launcher = LauncherMini()

    class Meta:
        model = models.FirstStage
        fields = [
            "id", "type", "reused", "launcher_flight_number", "launcher", "previous_flight_date",
            "turn_around_time",
        ]


class FirstStageNormal(FirstStageMini):
    launcher = LauncherNormal()
    landing = Landing()
    previous_flight = LaunchMini()

    class Meta(FirstStageMini.Meta):
        fields = FirstStageMini.Meta.fields + ["landing", "previous_flight"]
