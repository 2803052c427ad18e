"""Formats beyond LL2's JSON whose body the view makes itself (a calendar, an export): their renderer only
names them for DRF's content negotiation."""

from rest_framework.renderers import BaseRenderer


class MadeByView(BaseRenderer):
    """A format whose response `respond` makes for a view's rows; errors under it answer JSON
    (`ModeViewSet.handle_exception`)."""

    charset = "utf-8"

    def respond(self, view, rows):
        """The response of `view` (a `ModeViewSet`) for `rows`, its selection, in this format."""
        raise NotImplementedError

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
