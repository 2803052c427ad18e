import threading
from collections import OrderedDict

from rest_framework.negotiation import DefaultContentNegotiation

# Distinct requests (renderers, `?format=`, Accept header) whose choice a process remembers.
REMEMBERED = 256


class RememberedNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation, whose choice this process remembers for each distinct request: the
    renderer and media type depend on the view's renderers, `?format=` and the Accept header alone, and
    parsing the header cost a stored answer more than reading it. The least recently used choices
    leave first, so that clients sending ever new headers cost what DRF costs, and no more memory."""

    choices = OrderedDict()  # (renderer classes, format, Accept) -> (renderer's index, media type)
    lock = threading.Lock()

    def select_renderer(self, request, renderers, format_suffix=None):
        fmt = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        key = (tuple(type(renderer) for renderer in renderers), fmt, request.META.get("HTTP_ACCEPT"))
        with self.lock:
            choice = self.choices.get(key)
            if choice is not None:
                self.choices.move_to_end(key)
        if choice is not None:
            return renderers[choice[0]], choice[1]
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        index = next(index for index, item in enumerate(renderers) if item is renderer)
        with self.lock:
            self.choices[key] = (index, media_type)
            if len(self.choices) > REMEMBERED:
                self.choices.popitem(last=False)
        return renderer, media_type
