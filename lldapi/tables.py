"""The mirror's own tables, as a whole: what the importer, the data generator and the tests empty,
check and renumber."""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from lldapi import store
from lldapi.models import Change, ChildOrder, SetAsideRecord, SyncSeen, SyncState, UnknownKey
from lldapi.records import Record


def app_models(include_auto_created=False):
    """The mirror's models (LL2 records); with `include_auto_created`, their many-to-many link tables too."""
    return [
        model
        for model in apps.get_models(include_auto_created=include_auto_created)
        if issubclass(model, Record) or (model._meta.auto_created and issubclass(model._meta.auto_created, Record))
    ]


def is_empty():
    return not any(model.objects.exists() for model in app_models())


def flush():
    """Delete every row of the mirror's tables, the orders of their lists, the sync's positions in them and
    what it could not store, the change log, the stored representations of their rows, and restart their
    id sequences.

    In one transaction, so that SQLite checks its (deferred) foreign keys once every table is empty.
    """
    beside = [ChildOrder, SyncSeen, SyncState, SetAsideRecord, UnknownKey, Change]
    tables = [model._meta.db_table for model in [*app_models(include_auto_created=True), *beside]]
    with transaction.atomic():
        # PostgreSQL refuses to truncate tables with foreign key checks still deferred in this transaction.
        connection.check_constraints()
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True):
                cursor.execute(statement)
        store.forget_everything()


def reset_sequences(models=None):
    """Move the id sequences of `models` (default: all the mirror's) past the ids written explicitly
    (PostgreSQL), as Django's loaddata does, also where the largest id is 0 (LL2's net precision
    "Second"), below the sequence's minimum of 1, which Django's own statement (`sequence_reset_sql`)
    sets and PostgreSQL refuses. One statement for them all."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    automatic = ("AutoField", "BigAutoField", "SmallAutoField")
    resets, params = [], []
    for model in app_models() if models is None else models:
        pk = model._meta.pk
        if pk.get_internal_type() not in automatic:
            continue
        column, table = quote(pk.column), quote(model._meta.db_table)
        resets.append(
            f"(SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST(MAX({column}), 1), "
            f"COALESCE(MAX({column}) >= 1, false)) FROM {table})"
        )
        params += [model._meta.db_table, pk.column]
    if resets:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(resets)}", params)
