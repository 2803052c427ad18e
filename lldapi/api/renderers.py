from rest_framework import renderers


class RenderedJSON(bytes):
    """A response body already written as JSON (by the representation store)."""


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, which passes a body already rendered through as it is."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, RenderedJSON):
            return bytes(data)
        return super().render(data, accepted_media_type, renderer_context)
