"""Django's PostgreSQL backend, whose health check of a reused connection reads the data version, and
may be sent ahead, so that an answer this worker remembers costs one round trip, not two.

A view sends the check as it begins (`send_version_check`, through psycopg's libpq connection) without
waiting; Django's health check, run before the connection is first used, then receives the answer, and
so does a stored answer made from memory alone (`receive_checked_version`, `lldapi.store.versions`).
A request that ends without either drops it. Django offers no hook for this: the backend overrides
`is_usable` and reads `health_check_enabled`, `health_check_done` and `make_cursor`, here alone;
tests/test_postgresql.py fails if they change.
"""

import functools

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import Error, connections
from django.db.backends.postgresql import base
from psycopg import Error as DriverError
from psycopg import pq

# The states of a connection that waits for a query (psycopg's own transaction may be open).
WAITING = (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS)


class DatabaseWrapper(base.DatabaseWrapper):
    checked_version = None  # the data version that this request's health check read, until taken
    check_sent_on = None  # the psycopg connection on which the health check was sent ahead

    def is_usable(self):
        self.checked_version = None
        if self.connection is None:
            return False
        if self.version_check_in_flight():
            return self.receive_version_check()
        try:
            # Django's cursor wrapper, so that execute wrappers (the benchmark's query counter) see it.
            with self.make_cursor(self.create_cursor()) as cursor:
                cursor.execute(data_version_sql())
                row = cursor.fetchone()
        except (Error, DriverError):  # psycopg's own where the connection is known to be lost already
            if self.connection.closed or self.connection.broken:
                return False
            return super().is_usable()  # a database not migrated yet, without a data version
        self.checked_version = row[0] if row else 0
        return True

    def receive_checked_version(self):
        """The data version read by the check sent ahead, received now."""
        self.close_if_health_check_failed()  # Django's health check, which receives it (`is_usable`)
        return self.take_checked_version()

    def take_checked_version(self):
        """The data version that this request's health check read, once; None if there is none."""
        version, self.checked_version = self.checked_version, None
        return version

    def send_version_check(self):
        """Send this request's health check ahead, if it is due on an open connection that waits for no
        other answer, outside an atomic block (whose queries a failing check would abort); Django runs it
        (`is_usable`) as the request opens its first cursor, which then only receives the answer.
        Whether it was sent."""
        if (
            self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
            or self.in_atomic_block
            or self.version_check_in_flight()
            or self.connection.pgconn.transaction_status not in WAITING
        ):
            return False
        try:
            self.connection.pgconn.send_query(data_version_sql().encode())
        except DriverError:
            return False
        self.check_sent_on = self.connection
        return True

    def version_check_in_flight(self):
        return self.check_sent_on is not None and self.check_sent_on is self.connection

    def receive_version_check(self):
        """Receive the answer of the health check sent ahead, as the execute wrappers (the benchmark's
        query counter) see a query: whether the connection is usable, the version in `checked_version`."""
        def executor(sql, params, many, context):
            return self.received_version()

        for wrapper in reversed(self.execute_wrappers):
            executor = functools.partial(wrapper, executor)
        usable, self.checked_version = executor(data_version_sql(), None, False, {"connection": self})
        return usable

    def received_version(self):
        """(usable, data version) from the answer of the check sent ahead: not usable if the connection
        was lost; usable with no version if the database has no data version yet (not migrated)."""
        pgconn, self.check_sent_on = self.connection.pgconn, None
        results = []
        while (result := pgconn.get_result()) is not None:
            results.append(result)
        if pgconn.status != pq.ConnStatus.OK or not results:
            return False, None
        answer = results[-1]
        if answer.status != pq.ExecStatus.TUPLES_OK:
            return pgconn.transaction_status in WAITING, None
        return True, int(answer.get_value(0, 0)) if answer.ntuples else 0

    def discard_version_check(self):
        """Receive and drop the answer of a check sent ahead that the request did not need (it ended
        before its first query): the connection is left ready for the next one."""
        if self.version_check_in_flight():
            self.received_version()


def data_version_sql():
    # Django imports a backend as the first model class is made: the model is found when used, not imported.
    return apps.get_model("lldapi", "DataVersion").read_sql()


def forget_checked_versions(**kwargs):
    """A data version read before a request began may be stale: a request takes its own check's only."""
    for connection in connections.all(initialized_only=True):
        if isinstance(connection, DatabaseWrapper):
            connection.discard_version_check()
            connection.checked_version = None


request_started.connect(forget_checked_versions)
request_finished.connect(forget_checked_versions)
