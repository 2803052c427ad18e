"""Fragments: the JSON of one record in one component, its nested objects and lists left as holes.

A fragment is made with a request whose absolute URIs start with a NUL character, so that every self
link is written `"\\u0000/2.3.0/agencies/1/"`. LL2 data has no NUL (the importer refuses it), so that
`"\\u0000` marks a link and nothing else; serving puts the request's origin there (`Origin`).
"""

import re
from collections import defaultdict

from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.reverse import preserve_builtin_query_params

from lldapi.api.eager import load, plan_reads
from lldapi.models import Representation

from .queries import among

# A self link's start, and a hole's, as a fragment is made; then as JSON writes them.
LINK_MARK = "\x00"
HOLE_MARK = "\x00#"
LINK = b'"\\u0000/'
LINK_PATH = re.compile(rb'"\\u0000(/[^"]*)"')
HOLE = re.compile(rb'"\\u0000#([^"\\]*)"')
# What a stored fragment's holes are set between.
SPLIT = b"\x01"


def make_fragments(wanted):
    """{component: {pk (str): fragment bytes}} of the rows that exist of `wanted`, {component: pks}. The
    rows of a model are read once for all its components, with what any of them reads, and each list
    once for all the components that show it: a query or a few per model and per relation."""
    made = {}
    by_model = defaultdict(dict)
    for item, pks in wanted.items():
        by_model[item.model][item] = [str(pk) for pk in pks]
    renderer = JSONRenderer()
    # Active, the time zone is not looked up again, and missed, for each date a field writes.
    with timezone.override(timezone.get_current_timezone()):
        for model, items in by_model.items():
            instances = rows_of(model, items)
            lists = {}  # Nested.relation -> {pk: [child pk]}
            for item, pks in items.items():
                pks = set(pks)
                item_lists = {name: list_of(nested, items, lists) for name, nested in item.nested.items()
                              if nested.stored_list}
                made[item] = {pk: fragment(instance, item, item_lists, renderer)
                              for pk, instance in instances.items() if pk in pks}
    return made


def rows_of(model, items):
    """{pk (str): instance} of the rows that `items`, {component of `model`: pks}, want, with the
    relations that the plain fields of any of them read."""
    joins, deferred = {}, {}
    for item in items:
        item_joins, item_deferred = plan_reads(item.shape)
        joins.update(dict.fromkeys(item_joins))
        deferred.update((relation.source, relation) for relation in item_deferred)
    pks = {pk for item_pks in items.values() for pk in item_pks}
    instances = list(model.objects.filter(pk__in=among(model._meta.pk, pks)).select_related(*joins))
    for relation in deferred.values():
        load(instances, relation)
    return {str(instance.pk): instance for instance in instances}


def list_of(nested, items, lists):
    """{pk: [child pk]} of the list `nested` of the rows that `items` want, read once for every component
    of `items` that shows the same relation."""
    if nested.relation not in lists:
        parents = {pk for item, pks in items.items() for other in item.nested.values()
                   if other.stored_list and other.relation == nested.relation for pk in pks}
        lists[nested.relation] = nested.children(parents)
    return lists[nested.relation]


def fragment(instance, item, lists, renderer):
    """The fragment bytes of `instance` in component `item`."""
    data = {}
    for name, plain, nested, read in item.rendered_fields:
        if nested is None:
            attribute = read(instance)
            data[name] = None if attribute is None else plain.to_representation(attribute)
        elif nested.kind == "object":
            pk = getattr(instance, nested.attname)
            data[name] = None if pk is None else f"{HOLE_MARK}o{name}:{pk}"
        elif nested.stored_list:
            data[name] = f"{HOLE_MARK}m{name}:{','.join(lists[name].get(str(instance.pk), []))}"
        else:
            data[name] = f"{HOLE_MARK}l{name}"
    return SPLIT.join(HOLE.split(renderer.render(data)))


def stored_row(item, pk, body):
    """The store's row of the fragment `body` of record `pk` in `item`, with the keys its holes name."""
    refs = []
    for kind, name, ref in fragment_parts(body)[1::2]:
        child = item.nested[name].component
        if kind == "o":
            refs.append(child.key(ref))
        elif kind == "m":
            refs += [child.key(row) for row in listed(ref)]
    return Representation(key=item.key(pk), body=body, refs=refs)


def listed(ids):
    """The ids of a stored list's hole (`m`), in order."""
    return ids.split(",") if ids else []


def fragment_parts(body):
    """A fragment's parts: bytes of JSON, and between them its holes as (kind, field, ids): an object's
    id (`o`), a stored list's ids joined by commas (`m`), nothing for a list read at the time of the
    request (`l`)."""
    parts = bytes(body).split(SPLIT)
    for index in range(1, len(parts), 2):
        hole = parts[index].decode()
        name, _, pk = hole[1:].partition(":")
        parts[index] = (hole[0], name, pk)
    return parts


class Origin:
    """A request's origin (and `?format=`, which DRF's links keep), to put in the self links of stored JSON."""

    def __init__(self, request):
        self.origin = request.build_absolute_uri("/")[:-1].encode()
        # DRF's own function, with which its links keep `?format=`: stored links keep it the same way.
        self.suffix = preserve_builtin_query_params("", request).encode()
        self.key = (self.origin, self.suffix)

    @classmethod
    def at(cls, base_url):
        """The origin `base_url` (`https://host`), without a request."""
        origin = cls.__new__(cls)
        origin.origin, origin.suffix = base_url.rstrip("/").encode(), b""
        origin.key = (origin.origin, origin.suffix)
        return origin

    def apply(self, body):
        if not self.suffix:
            return body.replace(LINK, b'"' + self.origin + b"/")
        template = b'"' + self.origin.replace(b"\\", b"\\\\") + rb"\1" + self.suffix.replace(b"\\", b"\\\\") + b'"'
        return LINK_PATH.sub(template, body)
