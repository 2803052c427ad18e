"""Django's PostgreSQL backend, whose health check reads the data version, and may be sent ahead.

With persistent connections (`CONN_MAX_AGE`) and `CONN_HEALTH_CHECKS`, Django checks a reused
connection before the first query of each request: a round trip to the server. Every stored answer
(`lldapi.api.store`) begins by reading the data version, which is another round trip. Here the health
check is that read, so that an answer this worker remembers costs one round trip, not two.

An endpoint's view sends that check ahead as it begins (`send_version_check`), through psycopg's
libpq connection, without waiting: the server answers while the view does its work. Django runs the
health check before the connection is first used (a cursor, a transaction), which then receives the
answer; so does a stored answer made from memory alone, before it goes out (`lldapi.api.store.confirmed`).
A request that ends without either drops the answer as it ends.
"""

import functools

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
        from lldapi.api.store import data_version_query

        self.checked_version = None
        if self.connection is None:
            return False
        if self.version_check_in_flight():
            return self.receive_version_check()
        try:
            # Django's cursor wrapper, so that execute wrappers (the benchmark's query counter) see it.
            with self.make_cursor(self.create_cursor()) as cursor:
                cursor.execute(data_version_query())
                row = cursor.fetchone()
        except (Error, DriverError):  # psycopg's own where the connection is known to be lost already
            if self.connection.closed or self.connection.broken:
                return False
            return super().is_usable()  # a database not migrated yet, without a data version
        self.checked_version = row[0] if row else 0
        return True

    def take_checked_version(self):
        """The data version that this request's health check read, once; None if there is none."""
        version, self.checked_version = self.checked_version, None
        return version

    def send_version_check(self):
        """Send this request's health check ahead, if it is due on an open connection that waits for no
        other answer, outside an atomic block (whose queries a failing check would abort); Django runs it
        (`is_usable`) as the request opens its first cursor, which then only receives the answer.
        Whether it was sent."""
        from lldapi.api.store import data_version_query

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
            self.connection.pgconn.send_query(data_version_query().encode())
        except DriverError:
            return False
        self.check_sent_on = self.connection
        return True

    def version_check_in_flight(self):
        return self.check_sent_on is not None and self.check_sent_on is self.connection

    def receive_version_check(self):
        """Receive the answer of the health check sent ahead, as the execute wrappers (the benchmark's
        query counter) see a query: whether the connection is usable, the version in `checked_version`."""
        from lldapi.api.store import data_version_query

        def executor(sql, params, many, context):
            return self.received_version()

        for wrapper in reversed(self.execute_wrappers):
            executor = functools.partial(wrapper, executor)
        usable, self.checked_version = executor(data_version_query(), None, False, {"connection": self})
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


def forget_checked_versions(**kwargs):
    """A data version read before a request began may be stale: a request takes its own check's only."""
    for connection in connections.all(initialized_only=True):
        if isinstance(connection, DatabaseWrapper):
            connection.discard_version_check()
            connection.checked_version = None


request_started.connect(forget_checked_versions)
request_finished.connect(forget_checked_versions)
