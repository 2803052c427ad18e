from agencies import models
from agencies.filters import AgencyFilter
from agencies.serializers.agencies import AgencyMini, AgencyNormal, AgencyType, Country
from agencies.serializers.endpoints import AgencyEndpointDetailed
from agencies.serializers.images import ImageLicense, ImageVariantType
from lldapi.api.registry import Resource, registry

registry.register(
    Resource(
        path="agencies",
        basename="agency",
        queryset=models.Agency.objects.all(),
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
        basename="agencytype",
        queryset=models.AgencyType.objects.all(),
        serializer=AgencyType,
    ),
    Resource(
        path="config/countries",
        basename="country",
        queryset=models.Country.objects.all(),
        serializer=Country,
    ),
    Resource(
        path="config/image_licenses",
        basename="imagelicense",
        queryset=models.ImageLicense.objects.all(),
        serializer=ImageLicense,
    ),
    Resource(
        path="config/image_variant_types",
        basename="imagevarianttype",
        queryset=models.ImageVariantType.objects.all(),
        serializer=ImageVariantType,
    ),
)
