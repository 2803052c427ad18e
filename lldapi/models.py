"""Where `sync_ll2` stands with each endpoint, kept in the database beside the data it describes, so
that a sync killed at any moment resumes after the last page it committed."""

from django.db import models


class SyncState(models.Model):
    """One endpoint's crawl: the cycle under way (`offset` is the next page's; null once complete),
    the upstream's `count` at the cycle's first and latest page, and the last completed cycle."""

    endpoint = models.CharField(max_length=100, unique=True)
    cycle = models.PositiveIntegerField(default=0)
    offset = models.PositiveIntegerField(null=True)
    first_count = models.PositiveIntegerField(null=True)
    count = models.PositiveIntegerField(null=True)
    started = models.DateTimeField(null=True)
    completed = models.DateTimeField(null=True)
    # The newest `last_updated` synced by an incremental query, for endpoints that publish it.
    updated_since = models.DateTimeField(null=True)

    class Meta:
        ordering = ["endpoint"]

    def __str__(self):
        return f"{self.endpoint}: cycle {self.cycle}, offset {self.offset}"


class SyncSeen(models.Model):
    """An id the current cycle of an endpoint has seen upstream (as text: some ids are UUIDs)."""

    state = models.ForeignKey(SyncState, models.CASCADE, related_name="seen")
    record = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["state", "record"], name="sync_seen_once")]

    def __str__(self):
        return f"{self.state.endpoint} {self.record}"
