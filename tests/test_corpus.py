"""The real LL2 2.3.0 responses of `fixtures/ll2/corpus/` (pasted into public code, sources in its
README) import as they are into an empty database."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from lldapi import tables

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "ll2" / "corpus"
# The README's table: | file | request | repository | path | notes |
ROWS = re.findall(r"^\| (\d{3}_[\w-]+\.json) \| (/2\.3\.0/\S*) \|", (CORPUS / "README.md").read_text(), re.MULTILINE)
PAGES = [name for name, request in ROWS if not request.startswith("/2.3.0/api-throttle/")]


def test_every_file_of_the_corpus_is_listed_with_its_source():
    assert sorted(name for name, _ in ROWS) == sorted(path.name for path in CORPUS.glob("*.json"))
    assert len(PAGES) >= 20


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
