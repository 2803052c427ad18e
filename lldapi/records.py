"""Shared model bases.

Objects reach this database through LL2 pages that show them in different shapes: an agency first
seen as `AgencyMini` has no `featured` or `description` yet. Every column but the id is therefore
nullable, so that what no page has told us stays `null`, as LL2 shows it, instead of an invented
default.
"""

from collections import defaultdict
from typing import NamedTuple

from django.apps import apps
from django.db import models
from django.db.models import signals

from lldapi.collation import Collated
from lldapi.models import ChildOrder


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
    """The link table of a many-to-many relation, seen from the side whose list it is: its rows are
    written in LL2's order, which a list of a kind LL2 does not sort keeps (agencies keep their name order)."""

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

    @property
    def keeps_order(self):
        """Whether a list is its rows in the order written (LL2's): a kind that LL2 does not sort, listed
        from the side that declares the relation."""
        item_model = self.table._meta.get_field(self.item).related_model
        return item_model._meta.ordering == Record._meta.ordering and not self.reverse

    def rows(self, owners):
        """The link rows of `owners` (ids, or a query of them), in the order they were written."""
        return self.table.objects.filter(**{f"{self.owner}__in": owners}).order_by("pk")

    def listed(self, owners):
        """The link rows of `owners`, each owner's in its list's order: the order of its rows from the side
        that declares the relation, unless the items' kind has an order of its own (LL2's or the id)."""
        if self.keeps_order:
            return self.rows(owners)
        ordering = self.table._meta.get_field(self.item).related_model._meta.ordering
        return self.rows(owners).order_by(*(through(self.item, part) for part in ordering), "pk")

    def write(self, owner_model, lists):
        """Make the lists of owners of `owner_model` the ids of `lists`, {owner pk: [item pks]}; returns
        {owner pk: (its list before, after)} of the owners whose list that changed. Where a list keeps its
        order (`keeps_order`), an owner's rows are written in the order of its list, again when only that
        order changed; elsewhere the rows of the items kept stay, and new ones come last.
        `m2m_changed` receivers are told, as Django's managers tell them. At most three queries."""
        stored = defaultdict(list)
        for owner, item, row in self.rows(list(lists)).values_list(f"{self.owner}_id", f"{self.item}_id", "pk"):
            stored[owner].append((item, row))
        gone, new, changed, lists_now = [], [], {}, {}
        for owner, items in lists.items():
            kept = [item for item, _ in stored[owner]]
            if not self.keeps_order:
                known = set(kept)
                removed, added = known - set(items), [pk for pk in items if pk not in known]
            else:
                removed, added = (set(kept), items) if kept != items else (set(), [])
            if removed or added:
                gone += [row for item, row in stored[owner] if item in removed]
                new += [self.table(**{f"{self.owner}_id": owner, f"{self.item}_id": pk}) for pk in added]
                changed[owner] = (removed, added)
                lists_now[owner] = (kept, items if self.keeps_order else
                                    [item for item in kept if item not in removed] + added)
        table, item_model = self.table, self.table._meta.get_field(self.item).related_model
        if gone:
            table.objects.filter(pk__in=gone).delete()
        table.objects.bulk_create(new)
        for owner, (removed, added) in changed.items():
            for action, pks in (("post_remove", removed), ("post_add", added)):
                if pks:
                    signals.m2m_changed.send(sender=table, instance=owner_model(pk=owner), action=action,
                                             reverse=self.reverse, model=item_model, pk_set=set(pks),
                                             using=table.objects.db)
        return lists_now


def through(relation, part):
    """A part of a model's `Meta.ordering` as seen from the rows that `relation` links to it."""
    if isinstance(part, Collated):
        return part.through(relation)
    return f"-{relation}__{part[1:]}" if part.startswith("-") else f"{relation}__{part}"


class Children(NamedTuple):
    """Children of a kind that LL2 does not sort (its order moves between captures: a station's docking
    locations in corpus 005 and 019), kept in the order of the last page that listed them (`ChildOrder`)."""

    relation: str  # the children's foreign key to their parent, "app_label.Model.field", as `ChildOrder` names it

    @classmethod
    def of(cls, model, name):
        """The children of `model`'s relation `name`, or None for another relation."""
        return cls.of_relation(model._meta.get_field(name))

    @classmethod
    def of_relation(cls, relation):
        if not relation.one_to_many or relation.related_model._meta.ordering != Record._meta.ordering:
            return None
        return cls(f"{relation.related_model._meta.label}.{relation.field.name}")

    @property
    def accessor(self):
        """The name of the parents' list of these children."""
        label, _, name = self.relation.rpartition(".")
        return apps.get_model(label)._meta.get_field(name).remote_field.get_accessor_name()

    def orders(self, owners):
        """{owner pk (str): [child pk (str)]} of the lists of `owners` (pks as text, or a query of them)
        that a page ordered, and [] for the others."""
        rows = ChildOrder.objects.filter(relation=self.relation, parent__in=owners)
        return defaultdict(list, rows.values_list("parent", "children"))

    @staticmethod
    def arrange(rows, order):
        """`rows`, children by id (or their pks), in `order`, those it does not name after."""
        position = {pk: index for index, pk in enumerate(order)}
        return sorted(rows, key=lambda row: position.get(str(getattr(row, "pk", row)), len(position)))

    def write(self, lists):
        """Keep each list of `lists`, {owner pk: [child pks]}, as the order of its owner's list, unless it is
        served in that order already; returns {owner: (its kept order before or None, after)} of the
        owners whose list that changed. At most three queries."""
        rows = ChildOrder.objects.filter(relation=self.relation, parent__in=[str(owner) for owner in lists])
        stored = {row.parent: row for row in rows}
        new, moved, changed = [], [], {}
        for owner, children in lists.items():
            children = list(dict.fromkeys(children))
            listed, row = [str(pk) for pk in children], stored.get(str(owner))
            if self.arrange([str(pk) for pk in sorted(children)], row.children if row else []) == listed:
                continue
            changed[owner] = (row.children if row else None, listed)
            if row is None:
                new.append(ChildOrder(relation=self.relation, parent=str(owner), children=listed))
            else:
                row.children = listed
                moved.append(row)
        ChildOrder.objects.bulk_create(new)
        ChildOrder.objects.bulk_update(moved, ["children"])
        return changed

    @classmethod
    def of_rows(cls, model):
        """The lists of children of `model`'s rows."""
        return [children for relation in model._meta.related_objects if (children := cls.of_relation(relation))]


def forget_orders(sender, instance, **kwargs):
    """After a row is deleted: the orders of its lists go with it."""
    relations = [children.relation for children in Children.of_rows(sender)]
    ChildOrder.objects.filter(relation__in=relations, parent=str(instance.pk)).delete()


def prefetched_attr(name):
    """Where eager loading (`lldapi.api.eager`) keeps the rows of a list it loaded."""
    return f"prefetched_{name}"


def related_rows(instance, source, condition=None, name=None):
    """The rows of a to-many relation: the list eager loading prefetched, or else a query.

    With a `condition`, only the rows that match it, which eager loading keeps under the field's `name`.
    """
    if condition is None:
        rows = getattr(instance, prefetched_attr(source), None)
        if rows is not None:
            return rows
        links = Links.of(type(instance), source)
        if links:
            return [getattr(row, links.item) for row in links.listed([instance.pk]).select_related(links.item)]
        children = Children.of(type(instance), source)
        if children:
            parent = str(instance.pk)
            return children.arrange(getattr(instance, source).all(), children.orders([parent])[parent])
        return getattr(instance, source).all()
    rows = getattr(instance, prefetched_attr(name), None)
    return getattr(instance, source).filter(condition) if rows is None else rows
