from agencies import models
from agencies.filters import AgencyFilter
from agencies.serializers.agencies import AgencyMini, AgencyNormal, AgencyType, Country
from agencies.serializers.endpoints import AgencyEndpointDetailed
from agencies.serializers.images import ImageLicense, ImageVariantType
from lldapi.api.registry import Resource, registry

registry.register(
    Resource(
        path="agencies",
        model=models.Agency,
        modes={"list": AgencyMini, "normal": AgencyNormal, "detailed": AgencyEndpointDetailed},
        filterset_class=AgencyFilter,
        search_fields=("abbrev", "name"),
        ordering_fields=(
            "attempted_landings", "consecutive_successful_landings", "consecutive_successful_launches",
            "failed_landings", "failed_launches", "featured", "id", "name", "pending_launches",
            "successful_landings", "successful_launches", "total_launch_count",
        ),
    ),
    # Lookups: one shape each, no filters.
    Resource(
        path="config/agency_types",
        model=models.AgencyType,
        serializer=AgencyType,
    ),
    Resource(
        path="config/countries",
        model=models.Country,
        serializer=Country,
    ),
    Resource(
        path="config/image_licenses",
        model=models.ImageLicense,
        serializer=ImageLicense,
    ),
    Resource(
        path="config/image_variant_types",
        model=models.ImageVariantType,
        serializer=ImageVariantType,
    ),
)
