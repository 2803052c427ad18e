import django_filters

from launches import models
from launches.serializers.launchers import LAUNCH_COUNTS
from lldapi.api.filters import (
    COMPARISONS,
    CharListFilter,
    ContainsFilter,
    FilterSet,
    NumberListFilter,
    ObjectsFilter,
)


class UUIDListFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """`firststage_launch__ids=<uuid>,<uuid>`: any of a comma-separated list of launch ids."""


class ContainsAnyFilter(ContainsFilter):
    """`manufacturer__name__contains` across a to-many relation: each row once, however many match."""

    def filter(self, qs, value):
        return super().filter(qs, value).distinct() if value else qs


class LauncherConfigFilter(FilterSet):
    # `families=1&families=2`: in any of these families; `families__contains=1&families__contains=2`: in
    # all of them (the configuration's families contain every one). Likewise for programs.
    families = ObjectsFilter(queryset=models.LauncherConfigFamily.objects.all(), distinct=True)
    families__contains = ObjectsFilter(
        field_name="families", queryset=models.LauncherConfigFamily.objects.all(), conjoined=True
    )
    program = ObjectsFilter(queryset=models.Program.objects.all(), distinct=True)
    program__contains = ObjectsFilter(field_name="program", queryset=models.Program.objects.all(), conjoined=True)
    full_name__contains = ContainsFilter(field_name="full_name")
    manufacturer__name__contains = ContainsFilter(field_name="manufacturer__name")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.LauncherConfig
        fields = {
            "active": ["exact"],
            "full_name": ["exact"],
            "is_placeholder": ["exact"],
            "maiden_flight": COMPARISONS,
            "manufacturer__name": ["exact"],
            "name": ["exact"],
            **dict.fromkeys(LAUNCH_COUNTS, COMPARISONS),
        }


class LauncherConfigFamilyFilter(FilterSet):
    manufacturer__abbrev = django_filters.CharFilter(distinct=True)
    manufacturer__abbrev__contains = ContainsAnyFilter(field_name="manufacturer__abbrev")
    # Families with a manufacturer of that country (an alpha-3 code; a comma-separated list: any of them).
    manufacturer__country_code = CharListFilter(field_name="manufacturer__country__alpha_3_code", distinct=True)
    manufacturer__id = django_filters.NumberFilter(distinct=True)
    # The manufacturer's id written in decimal contains these digits, as Django's `contains` reads a number.
    manufacturer__id__contains = django_filters.NumberFilter(
        field_name="manufacturer__id", lookup_expr="contains", distinct=True
    )
    manufacturer__name = django_filters.CharFilter(distinct=True)
    manufacturer__name__contains = ContainsAnyFilter(field_name="manufacturer__name")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.LauncherConfigFamily
        fields = {
            "maiden_flight": COMPARISONS,
            "name": ["exact"],
            **dict.fromkeys(LAUNCH_COUNTS, COMPARISONS),
        }


class LauncherFilter(FilterSet):
    launcher_config__ids = NumberListFilter(field_name="launcher_config__id")
    launcher_config__manufacturer__name__contains = ContainsFilter(field_name="launcher_config__manufacturer__name")
    serial_number__contains = ContainsFilter(field_name="serial_number")

    class Meta:
        model = models.Launcher
        fields = {
            "attempted_landings": COMPARISONS,
            "first_launch_date": ["exact"],
            "flight_proven": ["exact"],
            "flights": COMPARISONS,
            "id": ["exact", "contains"],
            "is_placeholder": ["exact"],
            "last_launch_date": ["exact"],
            "launcher_config__manufacturer__name": ["exact"],
            "serial_number": ["exact"],
            "status": ["exact"],
            "successful_landings": COMPARISONS,
        }


class PadFilter(FilterSet):
    agencies_ids = NumberListFilter(field_name="agencies__id", distinct=True)
    location__name__contains = ContainsFilter(field_name="location__name")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.Pad
        fields = {
            "id": ["exact", "contains"],
            "latitude": ["gt", "gte", "lt", "lte"],
            "location__id": ["exact"],
            "location__name": ["exact"],
            "longitude": ["gt", "gte", "lt", "lte"],
            "name": ["exact"],
            "orbital_launch_attempt_count": COMPARISONS,
            "total_launch_count": COMPARISONS,
        }


class LocationFilter(FilterSet):
    # By the alpha-3 code of the location's country; a comma-separated list: any of them.
    country_code = CharListFilter(field_name="country__alpha_3_code")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = models.Location
        fields = {
            "id": ["exact"],
            "name": ["exact"],
            "total_landing_count": COMPARISONS,
            "total_launch_count": COMPARISONS,
        }


class LandingFilter(FilterSet):
    """A landing ends a first stage, a spacecraft flight or a payload flight: the first-stage filters
    select landings of first stages, the spacecraft filters landings of spacecraft flights."""

    firststage_launch__ids = UUIDListFilter(field_name="firststage__rocket__launch__id")
    landing_location__ids = NumberListFilter(field_name="landing_location__id")
    landing_type__ids = NumberListFilter(field_name="type__id")
    launcher__ids = NumberListFilter(field_name="firststage__launcher__id")
    # The configuration of the landing stage's launcher (the booster), not that of the launch's rocket.
    launcher_config__ids = NumberListFilter(field_name="firststage__launcher__launcher_config__id")
    launcher_serial_numbers = CharListFilter(field_name="firststage__launcher__serial_number")
    spacecraft__ids = NumberListFilter(field_name="spacecraftflight__spacecraft__id")
    spacecraft_config__ids = NumberListFilter(field_name="spacecraftflight__spacecraft__spacecraft_config__id")
    spacecraft_launch__ids = UUIDListFilter(field_name="spacecraftflight__launch__id")

    class Meta:
        model = models.Landing
        fields = ["attempt", "success"]
