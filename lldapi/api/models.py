"""Shared model bases.

Objects reach this database through LL2 pages that show them in different shapes: an agency first
seen as `AgencyMini` has no `featured` or `description` yet. Every column but the id is therefore
nullable, so that what no page has told us stays `null`, as LL2 shows it, instead of an invented
default.
"""

from django.db import models


class Record(models.Model):
    """A row of an LL2 resource, keyed by LL2's own id."""

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return f"{type(self).__name__} {self.pk}: {getattr(self, 'name', '')}"


class NamedType(Record):
    """The many small `{id, name}` lookup objects (statuses, types)."""

    name = models.CharField(max_length=255, null=True)

    class Meta(Record.Meta):
        abstract = True
