"""Text in LL2's order on both databases: letters and digits first, then accents, then case, spaces and
punctuation ignored until then (`lldapi.collation`)."""

from functools import cmp_to_key

import pytest

from agencies.models import Agency, AgencyType
from lldapi.collation import Collated, compare, sort_key

from .fidelity import get_json
from .writes import emptied

# As glibc 2.36's `en_US.UTF-8` sorts them (LL2's PostgreSQL collation), and ICU's `und-u-ka-shifted-kv-
# currency` and `sort_key` as well: the corpus' names where binary order differs, and letters that
# Unicode does not decompose.
LL2_ORDER = [
    "11K77", "1K", "a", "A", "Á", "Andes", "Andøya Spaceport", "Andreas Mogensen", "ariane 5", "Ariane 5 ECA",
    "Ariane 5 ECA+", "Ariane 5 ECA | BepiColombo", "Ariane 5 ECA liftoff (VA209)", "b", "Data", "Ðata", "eole",
    "Eole", "Éole", "H3", "H3-30", "H-II", "H-IIA", "Lodz", "Łódź", "Long March 2F", "Long March 2F/G",
    "Long March 2FG", "Oeuvre", "Œuvre", "Orsted", "Ørsted", "Saint Jacques", "Saint-Jacques", "Soyuz 2.1a",
    "Soyuz-2.1a", "Soyuz-2.1b", "St. Jacques", "Strasse", "STRASSE", "Straße", "Vega", "Vega-C", "Vega-E",
    "Vikram-I", "VLS-1", "Volna", "Zenit-2", "Zenit-2 11K77.05", "Zenit 2M", "Zenit-2SB", "Zéphyr", "ZERO", "Zuma",
    "Þór",
]
# Stored in an order that is neither LL2's nor binary nor by id.
STORED = sorted(LL2_ORDER, key=lambda name: (len(name), name[::-1]))


def test_the_sort_key_orders_as_ll2():
    assert sorted(STORED, key=sort_key) == LL2_ORDER
    assert sorted(STORED, key=cmp_to_key(compare)) == LL2_ORDER  # SQLite's comparison
    assert sorted(LL2_ORDER) != LL2_ORDER


@pytest.mark.django_db
def test_the_database_orders_text_as_ll2():
    with emptied():
        AgencyType.objects.bulk_create(AgencyType(id=i, name=name) for i, name in enumerate(STORED, start=1))
        rows = AgencyType.objects.order_by(Collated("name"), "id")
        assert list(rows.values_list("name", flat=True)) == LL2_ORDER
        rows = AgencyType.objects.order_by(Collated("name").desc(), "id")
        assert list(rows.values_list("name", flat=True)) == LL2_ORDER[::-1]


@pytest.mark.django_db
def test_ordering_by_a_name_follows_ll2_s_order_both_ways(client):
    with emptied():
        Agency.objects.bulk_create(Agency(id=i, name=name) for i, name in enumerate(STORED, start=1))
        for ordering, expected in (("name", LL2_ORDER), ("-name", LL2_ORDER[::-1])):
            page = get_json(client, f"/2.3.0/agencies/?mode=list&limit=100&ordering={ordering}")
            assert [agency["name"] for agency in page["results"]] == expected
