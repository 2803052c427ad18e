import django_filters

from lldapi.api.filters import BooleanFilter
from spacecraft.models import Spacecraft, SpacecraftConfig, SpacecraftConfigFamily, SpacecraftFlight


class SpacecraftFilter(django_filters.FilterSet):
    in_space = BooleanFilter()
    is_placeholder = BooleanFilter()

    class Meta:
        model = Spacecraft
        fields = ["in_space", "is_placeholder", "name", "spacecraft_config", "status"]


class SpacecraftFlightFilter(django_filters.FilterSet):
    class Meta:
        model = SpacecraftFlight
        fields = ["spacecraft"]


class SpacecraftConfigFilter(django_filters.FilterSet):
    human_rated = BooleanFilter()
    in_use = BooleanFilter()

    class Meta:
        model = SpacecraftConfig
        fields = ["agency", "human_rated", "in_use", "name"]


class SpacecraftConfigFamilyFilter(django_filters.FilterSet):
    class Meta:
        model = SpacecraftConfigFamily
        fields = ["manufacturer", "name"]
