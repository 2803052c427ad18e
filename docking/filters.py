import django_filters

from docking.models import DockingEvent


class DockingEventFilter(django_filters.FilterSet):
    class Meta:
        model = DockingEvent
        fields = {
            "docking": ["gt", "gte", "lt", "lte"],
            "docking_location__id": ["exact"],
            "flight_vehicle_chaser__id": ["exact"],
            "space_station_target__id": ["exact"],
        }
