"""What LL2 publishes of Starbase's surroundings for the Starship dashboard: road closures and their
statuses, notices and their kinds, and the live streams it watches, each of the programme it concerns."""

from django.db import models

from lldapi.records import NamedType, Record

from .launches import Program


class RoadClosureStatus(NamedType):
    class Meta(NamedType.Meta):
        verbose_name_plural = "road closure statuses"


class NoticeType(NamedType):
    pass


class RoadClosure(Record):
    program = models.ForeignKey(Program, models.CASCADE, null=True, related_name="road_closures")
    title = models.CharField(max_length=1048, null=True)
    status = models.ForeignKey(RoadClosureStatus, models.SET_NULL, null=True, related_name="+")
    window_start = models.DateTimeField(null=True)
    window_end = models.DateTimeField(null=True)


class Notice(Record):
    program = models.ForeignKey(Program, models.CASCADE, null=True, related_name="notices")
    type = models.ForeignKey(NoticeType, models.SET_NULL, null=True, related_name="+")
    date = models.DateTimeField(null=True)
    url = models.URLField(max_length=200, null=True)


class LiveStream(Record):
    """A live stream that a programme's dashboard shows (LL2's `VidURLs`). LL2 publishes these without
    ids: a dashboard's list replaces the stored one."""

    program = models.ForeignKey(Program, models.CASCADE, null=True, related_name="live_streams")
    title = models.CharField(max_length=200, null=True)
    description = models.CharField(max_length=350, null=True)
    image = models.URLField(max_length=1024, null=True)
    url = models.URLField(max_length=1024, null=True)
