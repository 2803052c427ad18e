"""Formats beyond LL2's JSON whose body the view makes itself (a calendar, an export): their renderer only
names them for DRF's content negotiation."""

from rest_framework.renderers import BaseRenderer


class MadeByView(BaseRenderer):
    """A format whose response the view makes; errors under it answer JSON (`ModeViewSet.handle_exception`)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
