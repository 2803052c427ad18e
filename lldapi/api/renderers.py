from rest_framework import renderers


class RenderedJSON:
    """A response body already written as JSON (by the representation store), held as it is: a body
    of megabytes is not copied on its way to the response."""

    __slots__ = ("body",)

    def __init__(self, body):
        self.body = body


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, which passes a body already rendered through as it is."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, RenderedJSON):
            return data.body
        return super().render(data, accepted_media_type, renderer_context)
