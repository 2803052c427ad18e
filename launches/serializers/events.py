"""Events, in the shapes that other resources embed."""

from agencies.serializers.images import Image
from launches import models
from lldapi.api.fields import self_link
from lldapi.api.serializers import RecordSerializer, id_and_name

from .launches import InfoURL, NetPrecision, VidURL

EventType = id_and_name(models.EventType)


class EventMini(RecordSerializer):
    url = self_link("event")
    info_urls = InfoURL(many=True)
    vid_urls = VidURL(many=True)
    image = Image()

    class Meta:
        model = models.Event
        fields = ["id", "url", "name", "info_urls", "vid_urls", "image", "date"]


class EventNormal(EventMini):
    type = EventType()
    date_precision = NetPrecision()

    class Meta(EventMini.Meta):
        fields = EventMini.Meta.fields + [
            "slug", "type", "description", "webcast_live", "location", "date_precision",
        ]
