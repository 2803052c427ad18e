"""The data version: one value that every write moves on in its own transaction, so that an answer
can tell whether the rows it read hold one state of the data.

On PostgreSQL, the request's health check reads it (`lldapi.postgresql`), and may be sent
ahead as a view begins; on other databases, an answer reads it itself.
"""

import secrets

from django.conf import settings
from django.db import connection
from django.db.models import Subquery

from lldapi.models import DataVersion

from .memory import process_memory


class DataMoved(Exception):
    """A fragment names a row that is gone: a write committed while the answer was read."""


def data_version():
    """The data version: one query."""
    with connection.cursor() as cursor:
        return read_data_version(cursor)


def read_data_version(cursor):
    cursor.execute(DataVersion.read_sql())
    row = cursor.fetchone()
    return row[0] if row else 0


def move_version():
    # Before the fragments are forgotten: a fill holding the version row makes this wait (see write_fill).
    # A new random value rather than the next number: a write rolled back and another made after it
    # must not come back to a version that a reader has seen.
    DataVersion.objects.filter(pk=1).update(value=secrets.randbits(62))


def data_version_locked():
    """The data version, read so that no write can move it on before this transaction ends."""
    queryset = DataVersion.objects.all()
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update()
    return queryset.values_list("value", flat=True).first() or 0


def with_data_version(queryset, *fields):
    """The `values_list` of `fields` of `queryset`, with the data version as a last column."""
    version = Subquery(DataVersion.objects.values("value")[:1])
    return queryset.annotate(data_version=version).values_list(*fields, "data_version")


def checking_backend():
    """The connection, where its health check reads the data version (`lldapi.postgresql`); else None."""
    return connection if hasattr(connection, "take_checked_version") else None


def send_version_check():
    """Send the request's health check, which reads the data version, without waiting for its answer
    (PostgreSQL): the server answers while the request is worked on."""
    if (backend := checking_backend()) is not None:
        backend.send_version_check()


def version_check_in_flight():
    backend = checking_backend()
    return backend is not None and backend.version_check_in_flight()


def starting_version():
    """The data version as a stored answer begins: on PostgreSQL, the one the request's health check read,
    taken once (an answer read again reads it anew). While a check sent ahead is on its way, the version
    of this process's memory: `confirmed` compares it with the check's answer before the answer goes out."""
    if version_check_in_flight() and settings.STORE_MEMORY_MB > 0 and process_memory.version is not None:
        return process_memory.version
    with connection.cursor() as cursor:  # on PostgreSQL, Django runs the health check here
        backend = checking_backend()
        version = None if backend is None else backend.take_checked_version()
        return read_data_version(cursor) if version is None else version


def confirmed(version):
    """Whether `version`, at which an answer was made, is still the data version: compared with the answer
    of the check sent ahead if it is still on its way, else true (a query of the request read it)."""
    if not version_check_in_flight():
        return True
    return checking_backend().receive_checked_version() == version


class Reads:
    """A database execute wrapper that counts the queries run within it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def read_consistently(version, make, *args):
    """`make(*args)`, an answer read at data version `version`, if it holds one state of the data: it
    ran no query (all of it from this process's memory of that version, and `confirmed`), or the data
    version is still `version` after its queries (every write moves it on, in the write's own
    transaction, so no write committed while they ran). None if a write came in between: then its
    queries may have seen some rows before the write and some after."""
    reads = Reads()
    try:
        with connection.execute_wrapper(reads):
            made = make(*args)
    except DataMoved:
        return None
    if reads.count and data_version() != version:
        return None
    return made if confirmed(version) else None
