import django_filters

from launches.models import Astronaut, MissionPatch
from lldapi.api.filters import COMPARISONS, BooleanFilter, ContainsFilter, FilterSet, NumberListFilter

# LL2's astronaut type of the animals it lists beside people.
NON_HUMAN = "Non-Human"


class AstronautFilter(FilterSet):
    agency_ids = NumberListFilter(field_name="agency__id")
    # An astronaut has flown once a first flight is known: `first_flight` is in every shape of an
    # astronaut, where the list of flights is only in the detailed one.
    has_flown = BooleanFilter(field_name="first_flight", lookup_expr="isnull", exclude=True)
    is_human = BooleanFilter(method="human")
    # A nationality as LL2 names it ("American"), in any case.
    nationality = django_filters.CharFilter(
        field_name="nationality__nationality_name", lookup_expr="iexact", distinct=True
    )
    status_ids = NumberListFilter(field_name="status__id")

    class Meta:
        model = Astronaut
        fields = {
            "age": COMPARISONS,
            "date_of_birth": COMPARISONS,
            "date_of_death": COMPARISONS,
            "first_flight": COMPARISONS,
            "flights_count": COMPARISONS,
            "in_space": ["exact"],
            "landings_count": COMPARISONS,
            "last_flight": COMPARISONS,
            "type__id": ["exact"],
        }

    def human(self, queryset, name, value):
        """Astronauts of any type but LL2's non-human one (an astronaut of no type is taken as human)."""
        non_human = queryset.filter(type__name=NON_HUMAN)
        return queryset.exclude(pk__in=non_human.values("pk")) if value else non_human


class MissionPatchFilter(FilterSet):
    agency__name__contains = ContainsFilter(field_name="agency__name")
    ids = NumberListFilter(field_name="id")
    name__contains = ContainsFilter(field_name="name")

    class Meta:
        model = MissionPatch
        fields = ["agency__id", "agency__name", "id", "name"]
