"""Databases of the imports section, beside the leg's own: SQLite files in a temporary directory, or
databases of the leg's PostgreSQL cluster, each made empty (or copied from another) and all removed when
the section ends, however it ends."""

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

# The names of the section's PostgreSQL databases, and of the directory of its SQLite files, start with
# these; any that a killed run left are removed first.
PREFIX = "bench_imports_"
SQLITE_DIRECTORY = "scratch-databases-"


class SQLiteFiles:
    def __init__(self, directory):
        self.directory = Path(directory)

    def path(self, name):
        return self.directory / f"{name}.sqlite3"

    def url(self, name):
        return f"sqlite:///{self.path(name)}"

    def create(self, name):
        """A new empty database (the file appears on its first connection); its URL."""
        return self.url(name)

    def copy(self, source, name):
        """A copy of database `source`, committed pages only (SQLite's backup); its URL."""
        with closing(sqlite3.connect(self.path(source))) as origin, closing(sqlite3.connect(self.path(name))) as copy:
            origin.backup(copy)
        return self.url(name)

    def remove_all(self):
        shutil.rmtree(self.directory, ignore_errors=True)


class PostgresDatabases:
    """Databases created through `connection` (the leg's, a superuser's in bin/with-postgres's cluster)."""

    def __init__(self, connection, leg_url):
        self.connection, self.leg_url = connection, leg_url
        self.created = []

    def url(self, name):
        return urlsplit(self.leg_url)._replace(path=f"/{PREFIX}{name}").geturl()

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def create(self, name, template=None):
        quoted = self.connection.ops.quote_name(f"{PREFIX}{name}")
        origin = f" TEMPLATE {self.connection.ops.quote_name(f'{PREFIX}{template}')}" if template else ""
        self.execute(f"CREATE DATABASE {quoted}{origin}")
        self.created.append(f"{PREFIX}{name}")
        return self.url(name)

    def copy(self, source, name):
        """A copy of database `source`, which no one may be connected to; its URL."""
        return self.create(name, template=source)

    def drop(self, names):
        for name in names:
            self.execute(f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(name)} WITH (FORCE)")

    def drop_stale(self):
        rows = self.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [PREFIX])
        self.drop(name for (name,) in rows)

    def remove_all(self):
        self.drop(self.created)


@contextmanager
def scratch_databases(work):
    """SQLite files under `work` or PostgreSQL databases, as the leg's database is; removed at the end."""
    from django.db import connection

    if connection.vendor == "postgresql":
        databases = PostgresDatabases(connection, os.environ["DATABASE_URL"])
        databases.drop_stale()
    else:
        for stale in Path(work).glob(f"{SQLITE_DIRECTORY}*"):
            shutil.rmtree(stale)
        databases = SQLiteFiles(tempfile.mkdtemp(prefix=SQLITE_DIRECTORY, dir=work))
    try:
        yield databases
    finally:
        databases.remove_all()
