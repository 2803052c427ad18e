from lldapi.api.filters import FilterSet
from spacecraft.models import Spacecraft, SpacecraftFlight


class SpacecraftFilter(FilterSet):
    class Meta:
        model = Spacecraft
        fields = ["in_space", "is_placeholder", "name", "spacecraft_config", "status"]


class SpacecraftFlightFilter(FilterSet):
    class Meta:
        model = SpacecraftFlight
        fields = ["spacecraft"]
