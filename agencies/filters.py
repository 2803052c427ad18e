import django_filters
from django.db.models import Exists, OuterRef

from agencies.models import Agency
from lldapi.api.filters import COMPARISONS, BooleanFilter, CharListFilter, ContainsFilter, FilterSet
from spacecraft.models import SpacecraftConfig


class AgencyFilter(FilterSet):
    abbrev__contains = ContainsFilter(field_name="abbrev")
    name__contains = ContainsFilter(field_name="name")
    description__contains = ContainsFilter(field_name="description")
    # Any of the agency's countries, by their alpha-3 codes.
    country_code = CharListFilter(field_name="country__alpha_3_code", distinct=True)
    parent__id = django_filters.NumberFilter(field_name="parent_agency__id")
    spacecraft = BooleanFilter(method="filter_spacecraft")

    class Meta:
        model = Agency
        fields = {
            "id": ["exact"],
            "name": ["exact"],
            "abbrev": ["exact"],
            "description": ["exact"],
            "featured": ["exact"],
            "type__id": ["exact"],
            "founding_year": COMPARISONS,
            **dict.fromkeys(
                [
                    "total_launch_count", "consecutive_successful_launches", "successful_launches",
                    "failed_launches", "pending_launches", "consecutive_successful_landings",
                    "successful_landings", "failed_landings", "attempted_landings",
                ],
                COMPARISONS,
            ),
        }

    def filter_spacecraft(self, queryset, name, value):
        """`spacecraft=true`: the agencies with spacecraft configurations (a `spacecraft_list`); false: without."""
        makes_spacecraft = Exists(SpacecraftConfig.objects.filter(agency=OuterRef("pk")))
        return queryset.filter(makes_spacecraft if value else ~makes_spacecraft)
