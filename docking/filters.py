import django_filters

from agencies.models import Agency
from docking.models import DockingEvent, Expedition, Payload, PayloadFlight, SpaceStation, Spacewalk
from launches.models import Astronaut, Orbit, Program
from lldapi.api.filters import COMPARISONS, ContainsFilter, FilterSet, NumberListFilter, ObjectsFilter, UUIDListFilter


class DockingEventFilter(FilterSet):
    class Meta:
        model = DockingEvent
        fields = {
            "docking": ["gt", "gte", "lt", "lte"],
            "docking_location__id": ["exact"],
            "flight_vehicle_chaser__id": ["exact"],
            "space_station_target__id": ["exact"],
        }


class SpaceStationFilter(FilterSet):
    name__contains = ContainsFilter(field_name="name")
    # A station holds the name of its orbit, as LL2 publishes it; `orbit` is the id of an orbit (LL2's
    # /config/orbits/) and selects the stations in the orbit of that name.
    orbit = django_filters.ModelChoiceFilter(queryset=Orbit.objects.all(), method="in_orbit")
    owner__ids = NumberListFilter(field_name="owners__id", distinct=True)
    owners = ObjectsFilter(queryset=Agency.objects.all())
    status__ids = NumberListFilter(field_name="status__id")

    class Meta:
        model = SpaceStation
        fields = {
            "docked_vehicles": COMPARISONS,
            "id": ["exact"],
            "name": ["exact"],
            "onboard_crew": COMPARISONS,
            "status": ["exact"],
            "type": ["exact"],
        }

    def in_orbit(self, queryset, name, orbit):
        return queryset.filter(orbit=orbit.name)


class ExpeditionFilter(FilterSet):
    crew__astronaut = django_filters.ModelChoiceFilter(queryset=Astronaut.objects.all(), distinct=True)
    crew__astronaut__agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), distinct=True)
    space_station = django_filters.ModelChoiceFilter(field_name="spacestation", queryset=SpaceStation.objects.all())

    class Meta:
        model = Expedition
        fields = {
            "end": ["gt", "gte", "lt", "lte"],
            "name": ["exact"],
            "start": ["gt", "gte", "lt", "lte"],
        }


class PayloadFilter(FilterSet):
    program__id = django_filters.NumberFilter(distinct=True)

    class Meta:
        model = Payload
        fields = ["manufacturer__id", "manufacturer__name", "name", "operator", "operator__id", "operator__name"]


class PayloadFlightFilter(FilterSet):
    class Meta:
        model = PayloadFlight
        fields = ["payload"]



class SpacewalkFilter(FilterSet):
    astronaut__ids = NumberListFilter(field_name="crew__astronaut__id", distinct=True)
    # The day, month and year of the spacewalk's start, in UTC.
    day = NumberListFilter(field_name="start__day")
    event__ids = NumberListFilter(field_name="event__id")
    ids = NumberListFilter(field_name="id")
    # The launch of the spacecraft flight the spacewalk was made from.
    launch__ids = UUIDListFilter(field_name="spacecraft_flight__launch__id")
    month = NumberListFilter(field_name="start__month")
    name__contains = ContainsFilter(field_name="name")
    # The owners of the station the spacewalk was made at.
    owner__ids = NumberListFilter(field_name="spacestation__owners__id", distinct=True)
    program__ids = NumberListFilter(field_name="program__id", distinct=True)
    program__name = django_filters.CharFilter(field_name="program__name", distinct=True)
    program__name__contains = django_filters.CharFilter(method="program_name_contains")
    spacestation__ids = NumberListFilter(field_name="spacestation__id")
    year = NumberListFilter(field_name="start__year")

    class Meta:
        model = Spacewalk
        fields = {
            "end": COMPARISONS,
            "id": ["exact"],
            "name": ["exact"],
            "start": ["gt", "gte", "lt", "lte"],
        }

    def program_name_contains(self, queryset, name, value):
        programs = ContainsFilter(field_name="name").filter(Program.objects.all(), value)
        return queryset.filter(pk__in=Spacewalk.objects.filter(program__in=programs).values("pk"))
