"""The real LL2 2.3.0 responses of `fixtures/ll2/corpus/` (pasted into public code, sources in its
README) import as they are into an empty database, and depart from LL2's schema only where the README says."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from lldapi import tables
from lldapi.importer import read_page

from .fidelity import FIXTURES
from .schema import DEPARTURES, Conformance
from .test_endpoints import schema_components

CORPUS = FIXTURES / "corpus"
README = FIXTURES.parent.parent / "README.md"
# The README's table: | file | request | repository | path | notes |
ROWS = re.findall(r"^\| (\d{3}_[\w-]+\.json) \| (/2\.3\.0/\S*) \|", (CORPUS / "README.md").read_text(), re.MULTILINE)
PAGES = [name for name, request in ROWS if not request.startswith("/2.3.0/api-throttle/")]


def test_every_file_of_the_corpus_is_listed_with_its_source():
    assert sorted(name for name, _ in ROWS) == sorted(path.name for path in CORPUS.glob("*.json"))
    assert len(PAGES) >= 9


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_a_real_page_imports_as_it_is(tmp_path, name):
    body = json.loads((CORPUS / name).read_text())
    if isinstance(body, list):  # the author kept only `results`
        body = {"results": body}
        path = tmp_path / name
        path.write_text(json.dumps(body))
    else:
        path = CORPUS / name
    with transaction.atomic():
        tables.flush()
        out = io.StringIO()
        call_command("import_ll2", str(path), stdout=out)
        records = body["results"] if "results" in body else [body]
        assert f"{len(records)} records" in out.getvalue()
        transaction.set_rollback(True)


def real_pages():
    """(list path, records) of each 2.3.0 page LL2 answered: the corpus and the seed pages."""
    for name, request in ROWS:
        if name in PAGES:
            body = json.loads((CORPUS / name).read_text())
            yield list_path(request), body.get("results", [body]) if isinstance(body, dict) else body
    for seed in sorted(FIXTURES.glob("*.txt")):
        for request in re.findall(r"^GET (/2\.3\.0/\S+)", seed.read_text(), re.MULTILINE):
            yield list_path(request), read_page(seed)["results"]


def list_path(request):
    """The list path of a request's records: `/2.3.0/agencies/44/?mode=detailed` -> `/2.3.0/agencies/`."""
    return re.sub(r"(?<=/)[0-9a-f-]*\d[0-9a-f-]*/?$", "", request.split("?")[0]).rstrip("/") + "/"


def test_real_pages_depart_from_the_schema_only_where_the_readme_says():
    """Every departure of LL2's own pages from its schema is a row of the README's table, which
    `tests/schema.py` allows (and nothing else, in the pages of generated data too)."""
    conformance = Conformance()
    for path, records in real_pages():
        components = schema_components(path)
        for record in records:
            conformance.check(record, components.get(record.get("response_mode"), components.get(None)))
    assert conformance.problems == []
    assert set(conformance.departures) == set(DEPARTURES)
    table = README.read_text().split("## Where LL2 differs from its schema")[1].split("\n## ")[0]
    rows = re.findall(r"^\| (.+?) \|", table, re.MULTILINE)
    assert [name for name in DEPARTURES if not any(row.startswith(name) for row in rows)] == []
