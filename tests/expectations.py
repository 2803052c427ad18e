"""Expectations computed from the JSON of the records, not from the ORM: every record of a list fetched,
then filtered, searched or sorted in Python as the API should."""

from operator import itemgetter

from lldapi.collation import sort_key

from .fidelity import all_results

# A comparison filter's lookups (`?field__gte=bound`), each with what it keeps.
COMPARED = [
    ("", lambda value, bound: value == bound),
    ("__gt", lambda value, bound: value > bound),
    ("__gte", lambda value, bound: value >= bound),
    ("__lt", lambda value, bound: value < bound),
    ("__lte", lambda value, bound: value <= bound),
]


def every(client, url):
    """Every record of a list URL, by id, fetched 100 a page."""
    joiner = "&" if "?" in url else "?"
    return {record["id"]: record for record in all_results(client, f"{url}{joiner}limit=100")}


def sorted_ids(records, keep):
    """The ids of the records (by id) that `keep` keeps, ascending."""
    return sorted(i for i, record in records.items() if keep(record))


def sorted_by_name(records, keep):
    """The ids of the records (by id, or a list) that `keep` keeps, in LL2's order of names (ties by id):
    the default order of the configuration endpoints."""
    kept = [record for record in (records.values() if isinstance(records, dict) else records) if keep(record)]
    return expected_order(kept, "name")


def found(term, *texts):
    """DRF's search, as LL2's: every word of the term is in one of the texts, whatever the case."""
    return all(any(word.lower() in text.lower() for text in texts if text) for word in term.split())


def expected_order(records, key, descending=False):
    """The ids of `records` (by id, or a list) sorted by `key`, a field name or a function of a record, as
    `?ordering=` sorts them: text in LL2's collation, nulls last ascending and first descending; ties by
    ascending id."""
    value = itemgetter(key) if isinstance(key, str) else key
    pairs = records.items() if isinstance(records, dict) else ((record["id"], record) for record in records)
    values = sorted(((i, value(record)) for i, record in pairs), key=itemgetter(0))
    nulls = [i for i, v in values if v is None]
    known = sorted(((i, v) for i, v in values if v is not None), key=lambda pair: ordered_value(pair[1]),
                   reverse=descending)
    ordered = [i for i, _ in known]
    return nulls + ordered if descending else ordered + nulls


def ordered_value(value):
    return sort_key(value) if isinstance(value, str) else value
