from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from .eager import joined, load_nested


class ModeViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only LL2 endpoint whose `?mode=` picks the representation.

    Its `resource` (`lldapi.api.registry.Resource`) maps each mode to the serializer of its schema
    component; the eager loading each mode needs is derived from that serializer. An endpoint with
    a single shape ignores `?mode=`, as LL2 does. `eager_loading = False` serves the same serializers
    with no eager loading at all: the naive baseline that the benchmark measures against.
    """

    resource = None
    eager_loading = True

    @property
    def mode(self):
        modes = self.resource.modes
        requested = self.request.query_params.get("mode")
        if not modes or not requested:
            return self.resource.retrieve_mode if self.action == "retrieve" else self.resource.list_mode
        if requested not in modes:
            choices = ", ".join(modes)
            raise ValidationError({"mode": [f"'{requested}' is not a valid mode; choose one of: {choices}."]})
        return requested

    def get_serializer_class(self):
        return self.resource.serializer_for(self.mode)

    def get_queryset(self):
        if not self.eager_loading:
            return self.queryset.all()
        return joined(self.queryset, self.get_serializer_class()())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.eager_loading:
            load_nested(page, self.get_serializer_class()())
        return page

    def get_object(self):
        instance = super().get_object()
        if self.eager_loading:
            load_nested([instance], self.get_serializer_class()())
        return instance
