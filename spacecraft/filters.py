from lldapi.api.filters import FilterSet
from spacecraft.models import Spacecraft, SpacecraftConfig, SpacecraftConfigFamily, SpacecraftFlight


class SpacecraftFilter(FilterSet):
    class Meta:
        model = Spacecraft
        fields = ["in_space", "is_placeholder", "name", "spacecraft_config", "status"]


class SpacecraftFlightFilter(FilterSet):
    class Meta:
        model = SpacecraftFlight
        fields = ["spacecraft"]


class SpacecraftConfigFilter(FilterSet):
    class Meta:
        model = SpacecraftConfig
        fields = ["agency", "human_rated", "in_use", "name"]


class SpacecraftConfigFamilyFilter(FilterSet):
    class Meta:
        model = SpacecraftConfigFamily
        fields = ["manufacturer", "name"]
