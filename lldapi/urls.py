"""Routes: every endpoint of the resource registry, under its API version."""

from django.urls import include, path, re_path

from lldapi.api.errors import not_found
from lldapi.api.registry import registry

urlpatterns = [
    *(path(f"{version}/", include((registry.urlpatterns(version), version))) for version in registry.versions()),
    re_path(r"^(.*/)?$", not_found),
]

handler404 = "lldapi.api.errors.not_found"
handler500 = "lldapi.api.errors.server_error"
