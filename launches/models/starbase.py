"""What LL2 publishes of Starbase's surroundings for the Starship dashboard: the kinds of its notices and
the statuses of its road closures."""

from lldapi.records import NamedType


class RoadClosureStatus(NamedType):
    class Meta(NamedType.Meta):
        verbose_name_plural = "road closure statuses"


class NoticeType(NamedType):
    pass
