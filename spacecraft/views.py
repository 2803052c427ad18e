from lldapi.api.modes import ModeViewSet
from spacecraft import models
from spacecraft.filters import SpacecraftFilter, SpacecraftFlightFilter
from spacecraft.serializers import v2_0_0
from spacecraft.serializers.spacecraft import (
    SpacecraftEndpointDetailed,
    SpacecraftFlightDetailed,
    SpacecraftFlightNormal,
    SpacecraftNormal,
)


class SpacecraftViewSet(ModeViewSet):
    """
    #### Modes
    Levels of detail in the response - `normal`, `detailed`

    Example - [/spacecraft/?mode=detailed](./?mode=detailed)

    #### Filters
    Parameters - `in_space`, `is_placeholder`, `name`, `spacecraft_config`, `status`

    Example - [/spacecraft/?is_placeholder=True](./?is_placeholder=True)

    #### Search
    Fields searched - `name`, `spacecraft_config__name`

    Example - [/spacecraft/?search=Endeavour](./?search=Endeavour)

    #### Ordering
    Fields - `flights_count`, `id`, `mission_ends_count`, `time_docked`, `time_in_space`

    Example - [/spacecraft/?ordering=-flights_count](./?ordering=-flights_count)

    #### Number of results
    Use `limit` to control the number of objects in the response (max 100)

    Example - [/spacecraft/?limit=2](./?limit=2)

    #### Format
    Switch to JSON output - [/spacecraft/?format=json](./?format=json)

    #### Help
    Find all the FAQs and support links on the documentation homepage - [ll.thespacedevs.com/docs](https://ll.thespacedevs.com/docs/)
    """

    queryset = models.Spacecraft.objects.all()
    serializer_classes = {"normal": SpacecraftNormal, "detailed": SpacecraftEndpointDetailed}
    filterset_class = SpacecraftFilter
    search_fields = ["name", "spacecraft_config__name"]
    ordering_fields = ["flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"]
    ordering = ["id"]


class SpacecraftFlightViewSet(ModeViewSet):
    """
    #### Modes
    Levels of detail in the response - `normal`, `detailed`

    Example - [/spacecraft_flights/?mode=detailed](./?mode=detailed)

    #### Filters
    Parameters - `spacecraft`

    Example - [/spacecraft_flights/?spacecraft=289](./?spacecraft=289)

    #### Number of results
    Use `limit` to control the number of objects in the response (max 100)

    Example - [/spacecraft_flights/?limit=2](./?limit=2)

    #### Format
    Switch to JSON output - [/spacecraft_flights/?format=json](./?format=json)

    #### Help
    Find all the FAQs and support links on the documentation homepage - [ll.thespacedevs.com/docs](https://ll.thespacedevs.com/docs/)
    """

    queryset = models.SpacecraftFlight.objects.all()
    serializer_classes = {"normal": SpacecraftFlightNormal, "detailed": SpacecraftFlightDetailed}
    filterset_class = SpacecraftFlightFilter
    ordering = ["id"]


class SpacecraftFlightV200ViewSet(ModeViewSet):
    """
    API endpoint that allows a flight of a specific Spacecraft instances to be viewed.

    GET: Return a list of all the existing Spacecraft flights.

    FILTERS: Parameters - 'spacecraft' Example - /api/2.0.0/launcher/?spacecraft=37
    """

    # LL2 2.0.0's `/spacecraft/flight/`: one shape for lists and single flights. It has no `mode`
    # parameter, so `?mode=` is ignored like any other unknown parameter, as LL2 2.0.0 does.
    queryset = models.SpacecraftFlight.objects.all()
    serializer_classes = {"normal": v2_0_0.SpacecraftFlight}
    filterset_class = SpacecraftFlightFilter
    ordering = ["id"]

    @property
    def mode(self):
        return "normal"

    def get_view_name(self):
        # "Spacecraft Flight List", as LL2 2.0.0 titles its pages, without this class's version tag.
        return super().get_view_name().replace(" V200", "")
