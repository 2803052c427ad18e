"""Routes: every endpoint of the resource registry, under its API version."""

from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from lldapi.api.changes import ChangeFeed
from lldapi.api.registry import registry
from lldapi.api.views import APIThrottleView, HealthView

urlpatterns = [
    path("", TemplateView.as_view(template_name="lldapi/home.html"), name="home"),
    path("2.3.0/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("2.3.0/swagger/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger"),
    path("2.3.0/api-throttle/", APIThrottleView.as_view(), name="api-throttle"),
    path("2.3.0/changes/", ChangeFeed.as_view(), name="changes"),
    path("health/", HealthView.as_view(), name="health"),
    *(path(f"{version}/", include((registry.urlpatterns(version), version))) for version in registry.versions()),
]

handler400 = "lldapi.api.errors.bad_request"
handler403 = "lldapi.api.errors.permission_denied"
handler404 = "lldapi.api.errors.not_found"
handler500 = "lldapi.api.errors.server_error"
