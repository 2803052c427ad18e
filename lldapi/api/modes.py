from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from .eager import joined, load_nested


class ModeViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only LL2 endpoint whose `?mode=` picks the representation.

    `serializer_classes` maps each mode to the serializer of its schema component; the eager
    loading each mode needs is derived from that serializer. Lists default to `list_mode`, single
    objects to `retrieve_mode`. `eager_loading = False` serves the same serializers with no eager
    loading at all: the naive baseline that the benchmark measures against.
    """

    serializer_classes: dict = {}
    list_mode = "normal"
    retrieve_mode = "detailed"
    eager_loading = True

    @property
    def mode(self):
        requested = self.request.query_params.get("mode")
        if not requested:
            return self.retrieve_mode if self.action == "retrieve" else self.list_mode
        if requested not in self.serializer_classes:
            choices = ", ".join(self.serializer_classes)
            raise ValidationError({"mode": [f"'{requested}' is not a valid mode; choose one of: {choices}."]})
        return requested

    def get_serializer_class(self):
        return self.serializer_classes[self.mode]

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
