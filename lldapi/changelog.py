"""The change log (`lldapi.models.Change`): what an import or a sync did to each row, written in the
transaction that did it, so that the log and the data never disagree."""

from datetime import timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone

from lldapi import bulk
from lldapi.api.registry import registry
from lldapi.models import Change

# The importer's outcomes that are changes, as the log names them.
KINDS = {"created": Change.CREATED, "updated": Change.UPDATED, "deleted": Change.REMOVED}
COLUMNS = ["time", "endpoint", "model", "record", "kind", "fields", "source"]


@cache
def endpoint_of(model):
    """The 2.3.0 path of `model`'s objects: the endpoint that lists them, or that responses link them to
    (`Embedded`); None for objects that only sit inside others."""
    for resource in registry.paged("2.3.0"):
        if resource.model is model and resource.subset is None:
            return resource.path
    for item in registry.embedded:
        if item.model is model and item.version == "2.3.0":
            return item.path
    return None


def write(journal, fields, source):
    """Log the rows of an import's `journal`, [(model, pk, outcome)], that it created, updated or deleted,
    with the `fields` that changed, {(model, pk): {name: [old, new]}}; rows unchanged are not logged, and a
    row created is logged once, as created."""
    kinds = {}
    for model, pk, outcome in journal:
        kind = KINDS.get(outcome)
        if kind is not None and not (kind == Change.UPDATED and kinds.get((model, pk)) == Change.CREATED):
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
    write([(model, pk, "deleted") for pk in pks], {}, source)


def prune(days=None):
    """Delete the entries older than `days` (`CHANGE_LOG_DAYS` by default); returns how many went."""
    days = settings.CHANGE_LOG_DAYS if days is None else days
    deleted, _ = Change.objects.filter(time__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
