"""Django's SQLite backend, with statements as long as the linked SQLite takes. Django assumes the 999
variables of SQLite before 3.32 (32,766 since, by default), which cuts an import's bulk writes into a
statement per few hundred rows: a page of 100 launches then cost 376 queries against 339 for a page of 10."""

import sqlite3
from functools import cached_property

from django.db.backends.sqlite3 import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
