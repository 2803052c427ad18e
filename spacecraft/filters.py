import django_filters

from lldapi.api.filters import BooleanFilter
from spacecraft.models import Spacecraft, SpacecraftFlight


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
