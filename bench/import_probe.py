"""Imports page files one after the other into the database of DATABASE_URL, in this fresh process, and
prints a JSON line per file: the seconds `Importer().import_file` took, and the SQL statements it sent,
by their first word. Django's set-up is left out, and so is the store's (`store.prepare`, which the first
write of a process otherwise pays once): a first line gives its seconds. bench/imports.py runs it on empty databases.

    python bench/import_probe.py PAGE [PAGE ...]
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(paths):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lldapi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from measure import QueryCounter

    from lldapi import store, tables
    from lldapi.importer import Importer

    start = time.perf_counter()
    store.prepare(tables.app_models())
    print(json.dumps({"shapes_seconds": time.perf_counter() - start}), flush=True)
    for path in paths:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            start = time.perf_counter()
            records = Importer().import_file(path)
            seconds = time.perf_counter() - start
        figures = {
            "page": path,
            "records": records,
            "seconds": seconds,
            "queries": counter.count,
            "statements": dict(counter.statements.most_common()),
            "representation_store": settings.REPRESENTATION_STORE,
        }
        print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
