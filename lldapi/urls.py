"""Routes: every endpoint of the resource registry, under its API version."""

from django.urls import include, path, re_path
from health_check.views import HealthCheckView

from lldapi.api.errors import not_found
from lldapi.api.registry import registry

urlpatterns = [
    # For load balancers: a `SELECT 1`, 200 when the database answers, 500 when it does not.
    path("health/", HealthCheckView.as_view(checks=["health_check.checks.Database"]), name="health"),
    *(path(f"{version}/", include((registry.urlpatterns(version), version))) for version in registry.versions()),
    re_path(r"^(.*/)?$", not_found),
]

handler400 = "lldapi.api.errors.bad_request"
handler404 = "lldapi.api.errors.not_found"
handler500 = "lldapi.api.errors.server_error"
