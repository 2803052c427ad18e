from docking import models
from docking.filters import DockingEventFilter
from docking.serializers.events import DockingEventEndpointDetailed, DockingEventEndpointNormal
from lldapi.api.modes import ModeViewSet


class DockingEventViewSet(ModeViewSet):
    """
    #### Modes
    Levels of detail in the response - `normal`, `detailed`

    Example - [/docking_events/?mode=detailed](./?mode=detailed)

    #### Filters
    Parameters - `docking__gt`, `docking__gte`, `docking__lt`, `docking__lte`, `docking_location__id`, `flight_vehicle_chaser__id`, `space_station_target__id`

    Example - [/docking_events/?space_station_target__id=6](./?space_station_target__id=6)

    #### Search
    Fields searched - `docking_location__name`, `flight_vehicle_chaser__spacecraft__name`, `flight_vehicle_target__spacecraft__name`, `payload_flight_chaser__payload__name`, `payload_flight_target__payload__name`, `space_station_chaser__name`, `space_station_target__name`

    Example - [/docking_events/?search=Salyut](./?search=Salyut)

    #### Ordering
    Fields - `departure`, `docking`

    Example - [/docking_events/?ordering=-docking](./?ordering=-docking)

    #### Number of results
    Use `limit` to control the number of objects in the response (max 100)

    Example - [/docking_events/?limit=2](./?limit=2)

    #### Format
    Switch to JSON output - [/docking_events/?format=json](./?format=json)

    #### Help
    Find all the FAQs and support links on the documentation homepage - [ll.thespacedevs.com/docs](https://ll.thespacedevs.com/docs/)
    """

    queryset = models.DockingEvent.objects.all()
    serializer_classes = {"normal": DockingEventEndpointNormal, "detailed": DockingEventEndpointDetailed}
    filterset_class = DockingEventFilter
    search_fields = [
        "docking_location__name",
        "flight_vehicle_chaser__spacecraft__name",
        "flight_vehicle_target__spacecraft__name",
        "payload_flight_chaser__payload__name",
        "payload_flight_target__payload__name",
        "space_station_chaser__name",
        "space_station_target__name",
    ]
    ordering_fields = ["departure", "docking"]
    ordering = ["id"]
