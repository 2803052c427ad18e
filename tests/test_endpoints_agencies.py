"""Agencies, spacecraft configurations and their families, celestial bodies and their config lookups.

Over the synthetic data set (`generate_data --scale 1`): every filter, search and ordering checked
against expectations computed from the records' own JSON, the lists derived from relations
(`launcher_list`, `spacecraft_list`, a family's `spacecraft`, a body's `locations`), and the
lookups' agreement with the objects the other endpoints nest.
"""

import io
import json
import operator
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command

from launches.models import LauncherConfig, Location

from .expectations import expected_order, found, sorted_by_name
from .fidelity import all_results, get_json, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

AGENCIES = "/2.3.0/agencies/"
CONFIGS = "/2.3.0/spacecraft_configurations/"
FAMILIES = "/2.3.0/spacecraft_configuration_families/"
BODIES = "/2.3.0/celestial_bodies/"
COMPARISONS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le, "exact": operator.eq}
AGENCY_NUMBERS = [
    "attempted_landings", "consecutive_successful_landings", "consecutive_successful_launches", "failed_landings",
    "failed_launches", "founding_year", "pending_launches", "successful_landings", "successful_launches",
    "total_launch_count",
]


def served(client, url, **query):
    """Every record of a list URL with `query`, in the order served, fetched 100 a page."""
    return all_results(client, f"{url}?{urlencode({'limit': 100, **query})}")


def matching(client, url, **query):
    return ids(client, f"{url}?{urlencode({'limit': 100, **query})}")


def informative(expected, records):
    """A filter test only tells something if the filter keeps some records and drops others."""
    assert 0 < len(expected) < len(records)
    return expected


@pytest.fixture
def agencies(client):
    return served(client, AGENCIES, mode="detailed")


@pytest.fixture
def configurations(client):
    return served(client, CONFIGS, mode="detailed")


@pytest.fixture
def families(client):
    return served(client, FAMILIES, mode="detailed")


@pytest.fixture
def bodies(client):
    return served(client, BODIES, mode="detailed")


# Agencies: filters

@pytest.mark.parametrize("key", AGENCY_NUMBERS)
@pytest.mark.parametrize("lookup", COMPARISONS)
def test_agency_number_filters_compare_with_the_column(client, agencies, key, lookup):
    values = sorted(record[key] for record in agencies if record[key] is not None)
    bound = values[len(values) // 2]
    compare = COMPARISONS[lookup]
    expected = sorted(r["id"] for r in agencies if r[key] is not None and compare(r[key], bound))
    parameter = key if lookup == "exact" else f"{key}__{lookup}"
    assert matching(client, AGENCIES, mode="list", **{parameter: bound}) == informative(expected, agencies)


@pytest.mark.parametrize("key", ["abbrev", "description", "name"])
def test_agency_contains_filters_are_case_sensitive(client, agencies, key):
    records = [record for record in agencies if record[key]]
    term = records[0][key].split()[0][1:]  # inside a word: a substring, not a prefix
    expected = {}
    for word in (term, term.swapcase()):
        expected[word] = sorted(r["id"] for r in agencies if r[key] is not None and word in r[key])
        assert matching(client, AGENCIES, mode="list", **{f"{key}__contains": word}) == expected[word]
    assert expected[term] != expected[term.swapcase()]


@pytest.mark.parametrize("key", ["abbrev", "description", "name", "id"])
def test_agency_exact_filters(client, agencies, key):
    target = next(record for record in agencies if record[key])
    expected = sorted(r["id"] for r in agencies if r[key] == target[key])
    assert matching(client, AGENCIES, **{key: target[key]}) == expected
    if isinstance(target[key], str):
        assert matching(client, AGENCIES, **{key: target[key].swapcase()}) == []
        assert matching(client, AGENCIES, **{key: target[key][:-1]}) == []


@pytest.mark.parametrize("word, value", [("true", True), ("False", False), ("1", True)])
def test_agency_featured_filter(client, agencies, word, value):
    expected = sorted(r["id"] for r in agencies if r["featured"] is value)
    assert matching(client, AGENCIES, featured=word) == informative(expected, agencies)


def test_agency_type_filter(client, agencies):
    types = {record["type"]["id"] for record in agencies}
    assert len(types) > 1
    for type_id in types:
        expected = sorted(r["id"] for r in agencies if r["type"]["id"] == type_id)
        assert matching(client, AGENCIES, type__id=type_id) == expected
    assert matching(client, AGENCIES, type__id=999999) == []


def alpha_3_codes(agency):
    return {country["alpha_3_code"] for country in agency["country"]}


@pytest.mark.parametrize("codes", ["USA", "FRA,DEU", "CHN,RUS,JPN"])
def test_agency_country_code_filter_takes_any_of_a_comma_separated_list(client, agencies, codes):
    wanted = set(codes.split(","))
    expected = sorted(r["id"] for r in agencies if alpha_3_codes(r) & wanted)
    listed = matching(client, AGENCIES, country_code=codes)
    assert listed == informative(expected, agencies)
    assert len(listed) == len(set(listed))  # agencies of several of the countries come once


def test_agency_country_code_of_no_agency(client):
    assert matching(client, AGENCIES, country_code="GBR") == []  # a country that only the lookup lists


def test_agency_parent_filter(client, agencies):
    """`parent__id`: the agencies whose parent (which LL2 shows by its name) is that agency."""
    names = {record["name"]: record["id"] for record in agencies}
    parents = {names[record["parent"]] for record in agencies if record["parent"]}
    assert parents
    for parent_id in parents:
        name = next(record["name"] for record in agencies if record["id"] == parent_id)
        expected = sorted(r["id"] for r in agencies if r["parent"] == name)
        assert matching(client, AGENCIES, parent__id=parent_id) == expected
    assert matching(client, AGENCIES, parent__id=999999) == []


@pytest.mark.parametrize("word, value", [("true", True), ("false", False)])
def test_agency_spacecraft_filter_keeps_agencies_with_or_without_spacecraft_configurations(
    client, agencies, word, value
):
    expected = sorted(r["id"] for r in agencies if bool(r["spacecraft_list"]) is value)
    assert matching(client, AGENCIES, spacecraft=word) == informative(expected, agencies)


@pytest.mark.parametrize("query", [
    "spacecraft=maybe", "featured=yes", "type__id=one", "founding_year__gt=old", "parent__id=x",
])
def test_agency_malformed_filters_get_a_400_naming_the_parameter(client, query):
    assert query.split("=")[0] in get_json(client, f"{AGENCIES}?{query}", status=400)


# Agencies: search and ordering

def test_agency_search_covers_name_and_abbrev_case_insensitively(client, agencies):
    by_abbrev = agencies[3]["abbrev"]
    two_words = f"{agencies[0]['name'].split()[0].lower()} 1"  # a name's first word, and a digit
    for term in ("orbital", "SPACE AGENCY", two_words, by_abbrev.lower()):
        expected = sorted(r["id"] for r in agencies if found(term, r["name"], r["abbrev"]))
        assert matching(client, AGENCIES, search=term) == expected
        assert expected
    assert matching(client, AGENCIES, search=by_abbrev) == [agencies[3]["id"]]


@pytest.mark.parametrize("key", sorted({*AGENCY_NUMBERS, "featured", "id", "name"} - {"founding_year"}))
@pytest.mark.parametrize("descending", [False, True])
def test_agency_ordering(client, agencies, key, descending):
    ordering = f"-{key}" if descending else key
    assert matching(client, AGENCIES, ordering=ordering) == expected_order(agencies, key, descending)


def test_agency_founding_year_is_not_an_ordering(client):
    assert matching(client, AGENCIES, ordering="-founding_year") == matching(client, AGENCIES)


# Agencies: derived lists

def test_spacecraft_list_is_the_agency_s_configurations_by_name(client, agencies):
    configurations = served(client, CONFIGS)
    for agency in agencies:
        own = [c for c in configurations if c["agency"]["id"] == agency["id"]]
        expected = [c["id"] for c in sorted(own, key=lambda c: (c["name"], c["id"]))]
        assert [c["id"] for c in agency["spacecraft_list"]] == expected
        assert {c["response_mode"] for c in agency["spacecraft_list"]} <= {"detailed"}


def test_launcher_list_is_what_the_agency_manufactures_by_name(agencies):
    listed = [c["id"] for agency in agencies for c in agency["launcher_list"]]
    assert len(listed) == len(set(listed))  # one manufacturer each
    for agency in agencies:
        made = LauncherConfig.objects.filter(manufacturer_id=agency["id"]).order_by("name", "id")
        assert [c["id"] for c in agency["launcher_list"]] == list(made.values_list("id", flat=True))
        assert [c["name"] for c in agency["launcher_list"]] == sorted(c["name"] for c in agency["launcher_list"])
    assert any(not agency["launcher_list"] for agency in agencies)


def test_list_and_normal_agencies_are_prefixes_of_the_detailed_one(client, agencies):
    detailed = agencies[0]
    for mode, response_mode in (("list", "list"), ("normal", "normal")):
        shorter = get_json(client, f"{AGENCIES}{detailed['id']}/?mode={mode}")
        assert shorter["response_mode"] == response_mode
        assert {k: v for k, v in shorter.items() if k != "response_mode"} == {
            k: detailed[k] for k in shorter if k != "response_mode"
        }


# Spacecraft configurations

def test_configuration_agency_filter(client, configurations):
    agency_ids = {c["agency"]["id"] for c in configurations}
    assert len(agency_ids) > 1
    for agency_id in agency_ids:
        expected = sorted_by_name(configurations, lambda c, agency_id=agency_id: c["agency"]["id"] == agency_id)
        assert matching(client, CONFIGS, agency=agency_id) == expected
    assert "agency" in get_json(client, f"{CONFIGS}?agency=999999", status=400)


@pytest.mark.parametrize("key", ["human_rated", "in_use"])
@pytest.mark.parametrize("word, value", [("true", True), ("False", False)])
def test_configuration_boolean_filters(client, configurations, key, word, value):
    expected = sorted_by_name(configurations, lambda c: c[key] is value)
    assert matching(client, CONFIGS, **{key: word}) == informative(expected, configurations)


def test_configuration_name_filter_is_exact(client, configurations):
    name = configurations[5]["name"]
    assert matching(client, CONFIGS, name=name) == [configurations[5]["id"]]
    assert matching(client, CONFIGS, name=name.lower()) == []


def test_configuration_search_covers_its_name_and_its_agency_s(client, configurations):
    for term in (configurations[0]["agency"]["abbrev"].lower(), "capsule", configurations[1]["agency"]["name"]):
        expected = sorted_by_name(
            configurations, lambda c, term=term: found(term, c["name"], c["agency"]["name"], c["agency"]["abbrev"])
        )
        assert expected
        assert matching(client, CONFIGS, search=term) == expected


@pytest.mark.parametrize("descending", [False, True])
def test_configuration_ordering_by_name(client, configurations, descending):
    ordering = "-name" if descending else "name"
    assert matching(client, CONFIGS, ordering=ordering) == expected_order(configurations, "name", descending)


# Spacecraft configuration families

def test_family_manufacturer_filter(client, families):
    makers = {f["manufacturer"]["id"] for f in families if f["manufacturer"]}
    assert len(makers) > 1
    for maker in makers:
        expected = sorted(f["id"] for f in families if f["manufacturer"] and f["manufacturer"]["id"] == maker)
        assert matching(client, FAMILIES, manufacturer=maker) == expected
    assert "manufacturer" in get_json(client, f"{FAMILIES}?manufacturer=abc", status=400)


def maker_texts(family):
    maker = family["manufacturer"] or {}
    return maker.get("name"), maker.get("abbrev")


def test_family_name_filter_and_search(client, families):
    name = families[2]["name"]
    assert matching(client, FAMILIES, name=name) == [families[2]["id"]]
    maker = next(f["manufacturer"] for f in families if f["manufacturer"])
    for term in ("FAMILY 1", maker["abbrev"], maker["name"].lower()):
        expected = sorted(f["id"] for f in families if found(term, f["name"], *maker_texts(f)))
        assert expected
        assert matching(client, FAMILIES, search=term) == expected


@pytest.mark.parametrize("descending", [False, True])
def test_family_ordering_by_name(client, families, descending):
    ordering = "-name" if descending else "name"
    assert matching(client, FAMILIES, ordering=ordering, mode="list") == expected_order(families, "name", descending)


def test_a_family_s_spacecraft_are_its_configurations_by_name(client, families):
    configurations = served(client, CONFIGS)
    for family in families:
        members = [c for c in configurations if family["id"] in {f["id"] for f in c["family"]}]
        expected = [c["id"] for c in sorted(members, key=lambda c: (c["name"], c["id"]))]
        assert [c["id"] for c in family["spacecraft"]] == expected
    assert any(family["spacecraft"] for family in families)


# Celestial bodies

def test_a_body_s_locations_are_the_locations_on_it(bodies):
    for body in bodies:
        on_it = Location.objects.filter(celestial_body_id=body["id"]).order_by("id")
        assert [location["id"] for location in body["locations"]] == list(on_it.values_list("id", flat=True))
    assert sum(bool(body["locations"]) for body in bodies) >= 3  # the Earth, the Moon and Mars
    assert any(not body["locations"] for body in bodies)


def test_celestial_body_search_covers_name_and_type_name(client, bodies):
    for term in ("moon", "Planet", "tER", "dwarf pluto"):
        expected = sorted(b["id"] for b in bodies if found(term, b["name"], b["type"]["name"]))
        assert expected
        assert matching(client, BODIES, search=term) == expected


@pytest.mark.parametrize("key", ["id", "name"])
@pytest.mark.parametrize("descending", [False, True])
def test_celestial_body_ordering(client, bodies, key, descending):
    ordering = f"-{key}" if descending else key
    assert matching(client, BODIES, ordering=ordering, mode="list") == expected_order(bodies, key, descending)


def test_celestial_bodies_take_no_filters(client, bodies):
    assert matching(client, BODIES, name="Moon", type__id=1) == sorted(b["id"] for b in bodies)


# Config lookups: the objects other endpoints nest, listed on their own

def images(record):
    """The images of an agency record, wherever they sit in it."""
    if isinstance(record, dict):
        if "license" in record and "variants" in record:
            yield record
        for value in record.values():
            yield from images(value)
    elif isinstance(record, list):
        for value in record:
            yield from images(value)


@pytest.mark.parametrize("lookup, source, nested", [
    ("agency_types", AGENCIES, lambda agency: [agency["type"]]),
    ("countries", AGENCIES, lambda agency: agency["country"]),
    ("image_licenses", AGENCIES, lambda agency: [image["license"] for image in images(agency)]),
    ("image_variant_types", AGENCIES, lambda agency: [
        variant["type"] for image in images(agency) for variant in image["variants"]
    ]),
    ("celestial_body_types", BODIES, lambda body: [body["type"]]),
    ("spacecraft_configuration_types", CONFIGS, lambda config: [config["type"]]),
    ("spacecraft_statuses", "/2.3.0/spacecraft/", lambda craft: [craft["status"]]),
])
def test_lookups_list_the_objects_that_others_nest(client, lookup, source, nested):
    listed = {item["id"]: item for item in served(client, f"/2.3.0/config/{lookup}/")}
    seen = [item for record in served(client, source, mode="detailed") for item in nested(record)]
    assert seen
    for item in seen:
        assert listed[item["id"]] == item
    first = seen[0]
    assert get_json(client, f"/2.3.0/config/{lookup}/{first['id']}/") == first


def test_lookups_are_ordered_by_id_and_ignore_other_orderings(client):
    default = matching(client, "/2.3.0/config/countries/")
    assert default == sorted(default)
    assert matching(client, "/2.3.0/config/countries/", ordering="-id") == sorted(default, reverse=True)
    assert matching(client, "/2.3.0/config/countries/", ordering="name") == default


# Import of pages whose records have no `url`

def test_a_page_of_records_without_url_imports_by_its_paging_links(client, tmp_path):
    page = get_json(client, "/2.3.0/config/countries/?limit=5&offset=5")
    assert page["next"] and page["previous"]
    alone = {**page, "next": None, "previous": None}
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(alone))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_ll2", str(path), stdout=io.StringIO(), stderr=err)
    assert "$.results[0]: expected an object with a `url`" in err.getvalue()
    changed = {**page, "results": [{**page["results"][0], "name": "Renamed"}]}
    path.write_text(json.dumps(changed))
    call_command("import_ll2", str(path), stdout=io.StringIO())
    assert get_json(client, f"/2.3.0/config/countries/{page['results'][0]['id']}/")["name"] == "Renamed"
