"""The change log (`lldapi.models.Change`): what an import or a sync did to each row, written in the
transaction that did it, so that the log and the data never disagree."""

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone

from lldapi import bulk
from lldapi.api.changes import CHANGE_LOG_VERSION
from lldapi.api.registry import registry
from lldapi.models import Change

KINDS = (Change.CREATED, Change.UPDATED, Change.REMOVED)
COLUMNS = ["time", "endpoint", "model", "record", "kind", "fields", "source"]


@cache
def endpoint_of(model):
    """`registry.path_of`, looked up once per kind of row."""
    return registry.path_of(model, CHANGE_LOG_VERSION)


def write(journal, fields, source):
    """Log the rows of an import's `journal`, [(model, pk, outcome)], that it created, updated or removed
    (the importer's outcomes are the log's kinds), with the `fields` that changed, {(model, pk): {name:
    [old, new]}}; rows unchanged are not logged, and a row created is logged once, as created."""
    kinds = {}
    for model, pk, kind in journal:
        if kind in KINDS and not (kind == Change.UPDATED and kinds.get((model, pk)) == Change.CREATED):
            kinds[model, pk] = kind
    time = timezone.now()
    entries = [
        Change(time=time, endpoint=endpoint_of(model), model=model._meta.label, record=str(pk), kind=kind,
               fields={} if kind == Change.REMOVED else fields.get((model, pk), {}), source=source)
        for (model, pk), kind in kinds.items()
    ]
    bulk.insert(Change, entries, COLUMNS)


def removed(model, pks, source):
    """Log the removal of rows `pks` of `model`."""
    write([(model, pk, Change.REMOVED) for pk in pks], {}, source)


def prune(days=None):
    """Delete the entries older than `days` (`CHANGE_LOG_DAYS` by default); returns how many went."""
    days = settings.CHANGE_LOG_DAYS if days is None else days
    deleted, _ = Change.objects.filter(time__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
