"""Bulk export (`?format=ndjson`): every record a list selects, not one page, in the requested mode, one
JSON object per line, streamed from the representation store with memory flat however many there are."""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response
from rest_framework.renderers import JSONRenderer

from lldapi import store

from .eager import load_nested
from .formats import MadeByView

# Records serialized at a time where the store is off.
BATCH = 500
FORMAT_IN_LINK = b'?format=ndjson"'


class NDJSONRenderer(MadeByView):
    """`?format=ndjson` (or `Accept: application/x-ndjson`) on every list, streamed by `export_response`."""

    media_type = "application/x-ndjson"
    format = "ndjson"

    def respond(self, view, rows):
        return export_response(view, rows)


def export_response(view, rows):
    """Every record of `rows`, the view's selection, as a streamed NDJSON response with an ETag (a 304
    where the client holds it): from the store, or with the store off, from the serializers."""
    if settings.REPRESENTATION_STORE:
        etag, records = store.export(view, rows)
        if (not_modified := get_conditional_response(view.request, etag=etag)) is not None:
            not_modified["ETag"] = etag
            return not_modified
    else:
        etag, records = None, serialized(view, [pk for pk in rows.values_list("pk", flat=True)])
    response = StreamingHttpResponse((record + b"\n" for record in records), content_type=NDJSONRenderer.media_type)
    if etag is not None:
        response["ETag"] = etag
    return response


def serialized(view, pks):
    """The JSON of records `pks` of `view`'s endpoint in its mode, made by the serializers `BATCH` at a time."""
    renderer = JSONRenderer()
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        rows = {row.pk: row for row in view.get_queryset().filter(pk__in=batch)}
        instances = load_nested([rows[pk] for pk in batch if pk in rows], view.shape)
        for instance in instances:
            # DRF's links keep the request's `?format=`; the store's export writes them as the JSON's.
            yield renderer.render(view.get_serializer(instance).data).replace(FORMAT_IN_LINK, b'"')
