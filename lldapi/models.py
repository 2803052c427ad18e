"""Where `sync_ll2` stands with each endpoint, kept in the database beside the data it describes, so
that a sync killed at any moment resumes after the last page it committed."""

from functools import cache

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models


class SyncState(models.Model):
    """One endpoint's crawl: the cycle under way (`offset` is the next page's; null once complete) and
    the host it is crawled from, the upstream's `count` at the cycle's first and latest page, and the last
    completed cycle."""

    endpoint = models.CharField(max_length=100, unique=True)
    cycle = models.PositiveIntegerField(default=0)
    offset = models.PositiveIntegerField(null=True)
    # The versioned API root the cycle is crawled from: another host's offsets list other records.
    base_url = models.TextField(null=True)
    # The newest `last_updated` among the records the cycle listed, for endpoints that publish it: the age
    # of an older host's data, which the first incremental query after the cycle must reach back to.
    newest_change = models.DateTimeField(null=True)
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


class Representation(models.Model):
    """A stored fragment of JSON: one record in one shape (`lldapi.store`), keyed by the shape's
    digest and the record's id."""

    key = models.TextField(primary_key=True)
    body = models.BinaryField()
    # The keys of the fragments that its holes name (its nested objects and the rows of its lists), so
    # that a response's fragments are read in one recursive query.
    refs = models.JSONField(default=list)

    def __str__(self):
        return self.key


class DataVersion(models.Model):
    """One row: a number that every write of the mirror's data moves on, in the same transaction; the
    ETags of stored responses and the store's fills read it."""

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.value)

    @classmethod
    @cache
    def read_sql(cls):
        """The query that reads it: a stored answer's, and on PostgreSQL the health check's (lldapi/postgresql)."""
        meta, quote = cls._meta, connection.ops.quote_name
        column, pk = quote(meta.get_field("value").column), quote(meta.pk.column)
        return f"SELECT {column} FROM {quote(meta.db_table)} ORDER BY {pk} LIMIT 1"


class SetAsideRecord(models.Model):
    """A record LL2 lists that the mirror cannot store, as `sync_ll2` last met it: kept until a sync
    stores it, or a complete cycle of its endpoint no longer meets it. `record` names it across cycles."""

    endpoint = models.CharField(max_length=100)
    record = models.TextField()
    page = models.TextField()
    # The record's own `url`, if it has one.
    url = models.TextField(null=True)
    path = models.TextField()
    reason = models.TextField()
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["endpoint", "first_seen", "id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "record"], name="set_aside_once")]

    def __str__(self):
        return f"{self.endpoint} {self.record}: {self.path}: {self.reason}"


class UnknownKey(models.Model):
    """A key of LL2's records that their shape here does not have (`Shape.key`), which `sync_ll2` left
    out: how often it met it, and the first page it came in."""

    key = models.TextField(unique=True)
    times = models.PositiveBigIntegerField(default=0)
    example = models.TextField()
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"{self.key} ({self.times} times)"


class ChildOrder(models.Model):
    """The ids of a row's list of children, as text, in the order of the last page that listed them
    (`lldapi.records.Children`); `relation` is the children's foreign key, "app_label.Model.field"."""

    relation = models.CharField(max_length=200)
    parent = models.CharField(max_length=64)
    children = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["relation", "parent"], name="child_order_once")]

    def __str__(self):
        return f"{self.relation} of {self.parent}"


class Change(models.Model):
    """One row created, updated or removed by an import or a sync, written in the transaction that did it
    (`lldapi.changelog`). `fields` holds what changed, {field: [old, new]}: nested objects by their ids, a
    list by its ids (or its rows' values, for children LL2 lists without ids); every value given, for a
    row created; nothing, for one removed."""

    CREATED, UPDATED, REMOVED = "created", "updated", "removed"

    id = models.BigAutoField(primary_key=True)
    time = models.DateTimeField()
    # The 2.3.0 endpoint of the row's kind, where its objects have one (served, or linked to by responses).
    endpoint = models.CharField(max_length=100, null=True)
    model = models.CharField(max_length=100)  # the row's kind, `app_label.Model`
    record = models.CharField(max_length=64)  # its id, as text
    kind = models.CharField(max_length=7, choices=[(kind, kind) for kind in (CREATED, UPDATED, REMOVED)])
    fields = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    # The page's URL, for a sync; the file's path, for an import.
    source = models.TextField()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["endpoint", "record", "id"], name="change_of_record"),
            models.Index(fields=["time"], name="change_time"),
        ]

    def __str__(self):
        return f"{self.kind} {self.model} {self.record}"
