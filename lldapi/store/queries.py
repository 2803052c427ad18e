"""SQL that the ORM does not write for the store."""

import json

from django.db import connection
from django.db.models.expressions import RawSQL


def one_parameter(field, values):
    """(SQL, params): a subquery of `values` of `field` in one parameter (an array on PostgreSQL, a
    JSON array on SQLite), for an `IN`: a list of thousands of ids is neither prepared value by value
    by the ORM nor sent as thousands of parameters."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"SELECT unnest(%s::{field.rel_db_type(connection)}[])", [values]
    if values and str(field.get_db_prep_value(values[0], connection)) != str(values[0]):
        values = [field.get_db_prep_value(value, connection) for value in values]  # a UUID's 32 hex digits
    return "SELECT value FROM json_each(%s)", [json.dumps(values)]


def among(field, values):
    """`values` of `field` as the right side of an `__in` lookup, in one parameter (`one_parameter`)."""
    return RawSQL(*one_parameter(field, values))
