from launches import models
from lldapi.api.serializers import RecordSerializer, id_and_name

NoticeType = id_and_name(models.NoticeType)
RoadClosureStatus = id_and_name(models.RoadClosureStatus)


class RoadClosure(RecordSerializer):
    status = RoadClosureStatus()

    class Meta:
        model = models.RoadClosure
        fields = ["id", "title", "status", "window_start", "window_end"]


class Notice(RecordSerializer):
    type = NoticeType()

    class Meta:
        model = models.Notice
        fields = ["id", "type", "date", "url"]


class VidURLs(RecordSerializer):
    class Meta:
        model = models.LiveStream
        fields = ["title", "description", "image", "url"]
