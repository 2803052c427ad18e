import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from rest_framework.test import APIClient

from .expectations import every

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "ll2").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_paths():
    return [str(path) for path in SEEDS]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the five seed pages, imported once with `import_ll2`."""
    with django_db_blocker.unblock():
        call_command("import_ll2", *[str(path) for path in SEEDS], verbosity=0, stdout=open("/dev/null", "w"))


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering of database tests
def pytest_collection_modifyitems(items):
    """The tests over generated data run after those over the seed pages (pytest-xdist hands each worker
    its files in this order too): the data set is then made once per run and worker (`generated`)."""
    items.sort(key=lambda item: "generated" in item.fixturenames)


@pytest.fixture(scope="session")
def generated(django_db_setup, django_db_blocker):
    """Scale 1 of `generate_data`, with its stored representations, in place of the seed data for the
    tests that ask for it (`pytest.mark.usefixtures("generated")`), which run last; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_data", scale=1, flush=True, verbosity=0)
        # Its deferred foreign key checks, done once: each test's savepoint would undo and redo them.
        connection.check_constraints()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client(db):
    return APIClient()


@pytest.fixture(scope="module")
def fetched(generated, django_db_blocker):
    """`fetched(url)`: `every` record of a list URL of the generated data, by id, fetched once per module:
    for the modules whose tests leave the data as it is (detailed pages are large)."""
    cache = {}

    def fetch(url):
        if url not in cache:
            with django_db_blocker.unblock():
                cache[url] = every(APIClient(), url)
        return cache[url]

    return fetch


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """An SQLite file that `manage.py migrate` made, once per run (and xdist worker)."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    return path


@pytest.fixture
def new_sqlite(migrated_sqlite, tmp_path):
    """`new_sqlite(name)`: a copy of the migrated SQLite file, at `tmp_path / name`, for a process of its own."""

    def copy(name):
        return Path(shutil.copyfile(migrated_sqlite, tmp_path / name))

    return copy
