"""Never stale: every save, deletion or many-to-many change of a record forgets, in the same
transaction, the fragments it changes (its own, those of the rows whose plain fields read it, and those
of the rows whose lists hold it, before and after a save that may move it to another list), and moves
the data version on; bulk writes (`generate_data`, a flush) forget everything."""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db.models import signals

from lldapi.models import Representation
from lldapi.records import Record

from .build import Built, build
from .components import components_of, holders_of, moving_lookups, readers_of, saving_lookups
from .queries import among
from .versions import move_version

# {model: pks} of the rows saved inside `rebuilt_together()` on this thread, None outside it.
saved_together = threading.local()


@contextmanager
def rebuilt_together():
    """Forget the fragments that the rows saved in the block change, once, as it ends, and make them again
    (an import's page): a query per kind of row, not several per save. Yields the `Built` it fills then.
    Deletions and moves out of a list are still forgotten at once."""
    built = Built()
    if getattr(saved_together, "rows", None) is not None:
        yield built
        return
    saved_together.rows = defaultdict(set)
    try:
        yield built
        rows = saved_together.rows
    finally:
        saved_together.rows = None
    if not any(rows.values()):
        return
    if not settings.REPRESENTATION_STORE:
        forget_everything()
        return
    work = changed_by(rows, saving_lookups)
    forget_keys([item.key(pk) for item, pks in work.items() for pk in pks])
    built.add(build(work.items(), forgotten=True))


def changed_by(rows, holding):
    """{component: pks} of the fragments that rows, {model: pks}, change: their own in every shape, and
    those of the rows that read or hold them (`dependents`, by `holding`)."""
    work = defaultdict(set)
    for model, pks in rows.items():
        pks = {str(pk) for pk in pks}
        for item in components_of(model):
            work[item] |= pks
        for item, pk in dependents(model, pks, holding):
            work[item].add(pk)
    return work


def dependents(model, pks, holding):
    """(component, pk) of the fragments, besides their own, that rows `pks` of `model` change: those of
    the rows whose plain fields read them, and those of the rows whose lists hold them by the lookups of
    `holding(model)`."""
    for item, relation in readers_of(model):
        for pk in item.model.objects.filter(**{f"{relation}__in": pks}).values_list("pk", flat=True):
            yield item, str(pk)
    yield from holders(model, pks, holding(model))


def holders(model, pks, lookups):
    """(component, pk) of the rows that hold rows `pks` of `model` in a list, by `lookups`
    ({lookup: [component]})."""
    for lookup, items in lookups.items():
        for parent in model.objects.filter(pk__in=pks).values_list(lookup, flat=True):
            if parent is not None:
                yield from ((item, str(parent)) for item in items)


def forget(model, pks, holding=holders_of):
    """Forget the fragments that rows `pks` of `model` change, and move the data version on: by default
    those of every list that holds them (rows that go); `holding` names the lists a write can change.
    With the store off (`REPRESENTATION_STORE`), a write forgets every fragment, which finds none but the
    first time: no work goes into what is not served, and nothing stale is left for when it is on again."""
    pks = [str(pk) for pk in pks]
    if pks and not settings.REPRESENTATION_STORE:
        forget_everything()
    elif pks:
        forget_keys([item.key(pk) for item, pks in changed_by({model: pks}, holding).items() for pk in pks])


def forget_keys(keys):
    """Move the data version on and forget the fragments of `keys`."""
    move_version()
    if keys:
        Representation.objects.filter(key__in=among(Representation._meta.pk, keys)).delete()


def forget_everything():
    move_version()
    Representation.objects.all().delete()


def forget_before_save(sender, instance, update_fields=None, **kwargs):
    if not instance._state.adding:  # Django documents `Model._state.adding`: not saved yet
        moving_rows(sender, [instance.pk], update_fields)


def moving_rows(model, pks, fields=None):
    """Before rows `pks` of `model` are updated in `fields` (names or attnames; None: any): forget the
    lists that hold them by a foreign key of their own, which the update may move them out of (after
    it, `forget_saved` forgets the lists that hold them then)."""
    if not pks or not settings.REPRESENTATION_STORE:
        return
    lookups = {
        lookup: items
        for lookup, items in moving_lookups(model).items()
        if fields is None or {lookup, model._meta.get_field(lookup).attname} & set(fields)
    }
    if lookups:
        forget_keys([item.key(pk) for item, pk in holders(model, pks, lookups)])


def forget_after_save(sender, instance, raw=False, **kwargs):
    forget_saved(sender, [instance.pk])


def forget_saved(model, pks):
    """`forget` rows that exist after a write (`saving_lookups`), at the end of `rebuilt_together()` if
    inside it."""
    together = getattr(saved_together, "rows", None)
    if together is None:
        forget(model, pks, saving_lookups)
    else:
        together[model].update(str(pk) for pk in pks)


def forget_before_delete(sender, instance, **kwargs):
    """Before a row goes: the rows that hold it as a nested object, whose links to it are nulled or
    deleted without a save of their own."""
    if not settings.REPRESENTATION_STORE:
        forget_everything()
        return
    for relation in sender._meta.related_objects:
        if not relation.many_to_many:
            holding = relation.related_model.objects.filter(**{relation.field.name: instance.pk})
            forget(relation.related_model, holding.values_list("pk", flat=True))
    forget(sender, [instance.pk])


def forget_relinked(sender, instance, action, model, pk_set, **kwargs):
    if action.startswith("post_") and isinstance(instance, Record):
        forget_saved(type(instance), [instance.pk])
        forget_saved(model, pk_set or [])


def connect_signals(models_of_records):
    """Forget what each write of `models_of_records` changes."""
    for model in models_of_records:
        signals.pre_save.connect(forget_before_save, sender=model)
        signals.post_save.connect(forget_after_save, sender=model)
        signals.pre_delete.connect(forget_before_delete, sender=model)
    signals.m2m_changed.connect(forget_relinked)
