from launches.models import Program
from lldapi.api.registry import Resource, registry

from .serializers import StarshipDashboardDetailed, StarshipDashboardList, StarshipDashboardNormal
from .starship import Starship

registry.register(
    Resource(
        path="dashboard/starship",
        model=Program,
        modes={"list": StarshipDashboardList, "normal": StarshipDashboardNormal, "detailed": StarshipDashboardDetailed},
        subject=Starship.now,
    ),
)
