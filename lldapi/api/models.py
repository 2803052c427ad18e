"""Shared model bases.

Objects reach this database through LL2 pages that show them in different shapes: an agency first
seen as `AgencyMini` has no `featured` or `description` yet. Every column but the id is therefore
nullable, so that what no page has told us stays `null`, as LL2 shows it, instead of an invented
default.
"""

from typing import NamedTuple

from django.db import models
from django.db.models import signals


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


class Links(NamedTuple):
    """The link table of a many-to-many relation, seen from the side whose list it is.

    LL2 lists the items of a kind it does not sort (countries, programs...) in the order it linked
    them, neither by id nor by name (`fixtures/ll2/corpus/README.md`): the rows are written in the
    order of LL2's list, and such a list is its rows by id. A kind LL2 sorts (agencies by name) keeps
    its model's ordering, and so does a list on the other side of the relation (a patch's expeditions),
    whose rows are written in the order of the declaring side's lists.
    """

    table: type[models.Model]
    owner: str  # the link table's foreign key to the side whose list it is
    item: str  # and to the items listed
    reverse: bool  # whether the list is on the side that does not declare the relation

    @classmethod
    def of(cls, model, name):
        """The links of `model`'s many-to-many relation `name` (either side), or None for another relation."""
        relation = model._meta.get_field(name)
        if not relation.many_to_many:
            return None
        if relation.concrete:
            return cls(relation.remote_field.through, relation.m2m_field_name(), relation.m2m_reverse_field_name(),
                       reverse=False)
        field = relation.field
        return cls(relation.through, field.m2m_reverse_field_name(), field.m2m_field_name(), reverse=True)

    def rows(self, owners):
        """The link rows of `owners` (ids, or a query of them), in the order they were written."""
        return self.table.objects.filter(**{f"{self.owner}__in": owners}).order_by("pk")

    def listed(self, owners):
        """The link rows of `owners`, each owner's in its list's order: the order of its rows from the side
        that declares the relation, unless the items' kind has an order of its own (LL2's or the id)."""
        ordering = self.table._meta.get_field(self.item).related_model._meta.ordering
        if ordering == Record._meta.ordering and not self.reverse:
            return self.rows(owners)
        return self.rows(owners).order_by(*(f"-{self.item}__{name[1:]}" if name.startswith("-") else
                                            f"{self.item}__{name}" for name in ordering), "pk")

    def items(self, owner_pk):
        """The ids that `owner_pk` lists, in the order they were written."""
        return list(self.rows([owner_pk]).values_list(f"{self.item}_id", flat=True))

    def write(self, owner, items):
        """Make `owner`'s list the ids `items`; returns whether that changed it. From the side that declares
        the relation, the rows are written in the order of `items`, again when only that order changed; from
        the other side, the rows of the items kept stay, in the order the declaring side gave them, and new
        ones come last. `m2m_changed` receivers are told, as Django's managers tell them."""
        stored = self.items(owner.pk)
        if self.reverse:
            removed, added = [pk for pk in stored if pk not in items], [pk for pk in items if pk not in stored]
        else:
            removed, added = (stored, items) if stored != items else ([], [])
        if not removed and not added:
            return False
        table, item_model = self.table, self.table._meta.get_field(self.item).related_model
        table.objects.filter(**{self.owner: owner.pk, f"{self.item}__in": removed}).delete()
        table.objects.bulk_create([table(**{f"{self.owner}_id": owner.pk, f"{self.item}_id": pk}) for pk in added])
        for action, pks in (("post_remove", removed), ("post_add", added)):
            if pks:
                signals.m2m_changed.send(sender=table, instance=owner, action=action, reverse=self.reverse,
                                         model=item_model, pk_set=set(pks), using=table.objects.db)
        return True
