from docking.models import DockingEvent
from lldapi.api.filters import FilterSet


class DockingEventFilter(FilterSet):
    class Meta:
        model = DockingEvent
        fields = {
            "docking": ["gt", "gte", "lt", "lte"],
            "docking_location__id": ["exact"],
            "flight_vehicle_chaser__id": ["exact"],
            "space_station_target__id": ["exact"],
        }
