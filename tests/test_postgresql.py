"""On PostgreSQL, Django's health check of a reused connection reads the data version (lldapi/postgresql):
a stored answer that a worker remembers costs that one round trip, and never a version read before its
request began.

The test client leaves Django's connection handling between requests out (a test runs in one
transaction), so these tests set what it does to a reused connection as a request begins: its health
check is due (`health_check_done` is reset); where they say so, the view sends it ahead, as it does
on a connection outside an atomic block.
"""

import json

import pytest
from django.db import connection, connections

from agencies.models import Agency
from lldapi.models import DataVersion
from lldapi.postgresql.base import DatabaseWrapper
from lldapi.store import invalidation, memory, versions

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


class Queries:
    """An execute wrapper that keeps the SQL it runs."""

    def __init__(self):
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def queries_of_request(client, url, health_check_due=True):
    connection.health_check_done = not health_check_due
    queries = Queries()
    with connection.execute_wrapper(queries):
        response = client.get(url)
    assert response.status_code == 200, url
    return response, queries.sql


@pytest.fixture
def checks_ahead(monkeypatch):
    """The view sends the health check ahead, as on a connection outside an atomic block (the test's
    transaction is one, for the send alone); the checks sent, whether each was sent."""
    send, sent = DatabaseWrapper.send_version_check, []

    def send_in_test_transaction(self):
        atomic, self.in_atomic_block = self.in_atomic_block, False
        try:
            sent.append(send(self))
        finally:
            self.in_atomic_block = atomic
        return sent[-1]

    monkeypatch.setattr(DatabaseWrapper, "send_version_check", send_in_test_transaction)
    return sent


@pytest.fixture
def other():
    """A connection of its own, outside the test's transaction."""
    other = connections.create_connection("default")
    other.ensure_connection()
    yield other
    other.close()


def an_agency_s_flight(client):
    """The URL of a spacecraft flight and the agency that launched it, as its detailed shape shows it."""
    flights = json.loads(client.get("/2.3.0/spacecraft_flights/?limit=100").content)["results"]
    for flight in flights:
        url = f"/2.3.0/spacecraft_flights/{flight['id']}/"
        agency = json.loads(client.get(url).content)["launch"]["launch_service_provider"]
        if agency is not None:
            return url, agency
    raise AssertionError("no seed flight shows the agency that launched it")


def test_a_remembered_answer_costs_the_health_check_alone(client, monkeypatch):
    url, _ = an_agency_s_flight(client)
    client.get(url)
    reads = []  # the stored answer's own reads of the data version
    read = versions.read_data_version
    monkeypatch.setattr(versions, "read_data_version", lambda cursor: reads.append(cursor) or read(cursor))
    response, sql = queries_of_request(client, url)
    assert sql == [DataVersion.read_sql()] and not reads  # the health check's query, and no other
    assert connection.health_check_done
    # Without the health check (a new connection), the stored answer reads the version itself.
    assert queries_of_request(client, url, health_check_due=False)[1] == [DataVersion.read_sql()]
    assert len(reads) == 1


def test_a_write_is_seen_by_the_next_request_s_health_check(client):
    url, agency = an_agency_s_flight(client)
    queries_of_request(client, url)
    renamed = Agency.objects.get(pk=agency["id"])
    renamed.name = "Renamed between requests"
    renamed.save()
    response, _ = queries_of_request(client, url)
    assert json.loads(response.content)["launch"]["launch_service_provider"]["name"] == "Renamed between requests"


def test_a_version_read_before_a_request_began_is_not_taken(client):
    url, agency = an_agency_s_flight(client)
    queries_of_request(client, url)
    connection.is_usable()  # a health check outside any request (Django's, as a request ends with an error)
    Agency.objects.filter(pk=agency["id"]).update(name="Renamed after the check")
    invalidation.forget(Agency, [agency["id"]])
    # A request on a connection whose health check is not due (a new one) reads the version itself.
    response, sql = queries_of_request(client, url, health_check_due=False)
    assert sql[0] == DataVersion.read_sql()
    assert b"Renamed after the check" in response.content


def terminate(other):
    """End the server process of connection `other`, as a server restart would; waits (up to 5 s) until
    it has ended."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [other.connection.info.backend_pid])


def test_the_health_check_fails_a_lost_connection_and_passes_a_database_without_a_data_version(
    monkeypatch, other
):
    assert other.is_usable() and other.take_checked_version() == versions.data_version()
    assert other.take_checked_version() is None  # taken once
    monkeypatch.setattr(DataVersion, "read_sql", classmethod(lambda cls: "SELECT value FROM no_such_table"))
    assert other.is_usable() and other.take_checked_version() is None  # not migrated yet: still usable
    terminate(other)
    assert not other.is_usable()


def test_an_answer_from_memory_is_made_while_the_health_check_travels(client, monkeypatch, checks_ahead):
    url, _ = an_agency_s_flight(client)
    before = client.get(url)
    reads = []
    read = versions.read_data_version
    monkeypatch.setattr(versions, "read_data_version", lambda cursor: reads.append(cursor) or read(cursor))
    checks_ahead.clear()
    response, sql = queries_of_request(client, url)
    assert checks_ahead == [True] and not connection.version_check_in_flight()
    assert sql == [DataVersion.read_sql()] and not reads  # the check's answer, received; no other query
    assert response.content == before.content and response["ETag"] == before["ETag"]


def test_an_answer_from_memory_is_not_sent_once_the_data_moved_on(client, checks_ahead):
    url, _ = an_agency_s_flight(client)
    first = client.get(url)
    versions.move_version()  # a write: what this process remembers is of the version before it
    checks_ahead.clear()
    connection.health_check_done = False
    moved = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert checks_ahead == [True]
    assert moved.status_code == 200 and moved["ETag"] != first["ETag"]
    assert moved.content == first.content  # the data itself did not change
    assert memory.process_memory.version == versions.data_version()
    connection.health_check_done = False
    assert client.get(url, HTTP_IF_NONE_MATCH=moved["ETag"]).status_code == 304
    assert queries_of_request(client, url, health_check_due=False)[0]["ETag"] == moved["ETag"]


def test_a_request_that_ends_before_its_first_query_leaves_the_connection_ready(client, checks_ahead):
    url, _ = an_agency_s_flight(client)
    checks_ahead.clear()
    connection.health_check_done = False
    assert client.get(url + "?mode=nonsense").status_code == 400
    assert checks_ahead == [True] and not connection.version_check_in_flight()  # received as the request ended
    assert Agency.objects.filter(name__gt="").exists()


def test_a_check_sent_ahead_is_received_before_the_connection_is_used_otherwise(other):
    other.health_check_done = False
    assert other.send_version_check() and other.version_check_in_flight()
    assert not other.send_version_check()  # one at a time
    with other.cursor() as cursor:  # Django's health check, then the query
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert other.take_checked_version() == versions.data_version()
    other.health_check_done = False
    assert other.send_version_check()
    other.set_autocommit(False)  # as a transaction begins (`atomic`), Django runs the health check
    other.commit()
    other.set_autocommit(True)
    assert not other.version_check_in_flight() and other.take_checked_version() == versions.data_version()
    assert not other.send_version_check()  # not due: the check is done for this request


def test_a_check_sent_ahead_finds_a_lost_connection(other):
    other.health_check_done = False
    terminate(other)
    if other.send_version_check():  # the socket may take the query before the loss shows
        assert not other.is_usable() and other.take_checked_version() is None
    with other.cursor() as cursor:  # Django closes the lost connection and opens another
        cursor.execute("SELECT 1")


def test_connections_do_not_compile_queries_just_in_time():
    """The planner's estimate for the store's recursive read would have PostgreSQL's JIT compile it:
    about 140 ms for a query that runs in a few."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
