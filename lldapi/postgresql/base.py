"""Django's PostgreSQL backend, whose health check reads the data version.

With persistent connections (`CONN_MAX_AGE`) and `CONN_HEALTH_CHECKS`, Django checks a reused
connection before the first query of each request: a round trip to the server. Every stored answer
(`lldapi.api.store`) begins by reading the data version, which is another round trip. Here the health
check is that read, so that an answer this worker remembers costs one round trip, not two.
"""

from django.core.signals import request_finished, request_started
from django.db import Error, connections
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    checked_version = None  # the data version that this request's health check read, until taken

    def is_usable(self):
        from lldapi.api.store import data_version_query

        self.checked_version = None
        if self.connection is None:
            return False
        try:
            # Django's cursor wrapper, so that execute wrappers (the benchmark's query counter) see it.
            with self.make_cursor(self.create_cursor()) as cursor:
                cursor.execute(data_version_query())
                row = cursor.fetchone()
        except Error:
            if self.connection.closed or self.connection.broken:
                return False
            return super().is_usable()  # a database not migrated yet, without a data version
        self.checked_version = row[0] if row else 0
        return True

    def take_checked_version(self):
        """The data version that this request's health check read, once; None if there is none."""
        version, self.checked_version = self.checked_version, None
        return version


def forget_checked_versions(**kwargs):
    """A data version read before a request began may be stale: a request takes its own check's only."""
    for connection in connections.all(initialized_only=True):
        if isinstance(connection, DatabaseWrapper):
            connection.checked_version = None


request_started.connect(forget_checked_versions)
request_finished.connect(forget_checked_versions)
