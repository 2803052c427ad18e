"""Requests an attacker or a broken client sends: each gets its expected status and a JSON body."""

import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

CASES = [
    # (method, path, headers, expected status)
    ("get", "/2.3.0/spacecraft/?limit=99999999999999999999999", {}, 200),
    ("get", "/2.3.0/spacecraft/?offset=99999999999999999999999", {}, 200),
    ("get", "/2.3.0/spacecraft/?offset=-5&limit=-5", {}, 200),
    ("get", "/2.3.0/spacecraft/?status=99999999999999999999999", {}, 400),
    ("get", "/2.3.0/spacecraft/?status=-1", {}, 400),
    ("get", "/2.3.0/spacecraft/?in_space=%00", {}, 400),
    ("get", "/2.3.0/spacecraft/?name=%00", {}, 400),
    ("get", "/2.3.0/spacecraft/?search=%00", {}, 400),
    ("get", "/2.3.0/spacecraft/?search=" + "+".join(["w"] * 1000), {}, 400),
    ("get", "/2.3.0/spacecraft/?search=" + "x" * 20000, {}, 200),
    ("get", "/2.3.0/spacecraft/?ordering=" + ",".join(["-id"] * 500), {}, 200),
    ("get", "/2.3.0/spacecraft/?ordering=name;DROP%20TABLE", {}, 200),
    ("get", "/2.3.0/spacecraft/?mode=%00", {}, 400),
    ("get", "/2.3.0/spacecraft/?format=xml", {}, 404),
    ("get", "/2.3.0/docking_events/?docking__gt=9999-12-31T23:59:59-23:59", {}, 400),
    ("get", "/2.3.0/docking_events/?docking__gte=0001-01-01T00:00:00%2B00:01", {}, 400),
    ("get", "/2.3.0/docking_events/?docking__lt=2024-13-45", {}, 400),
    ("get", "/2.3.0/docking_events/?docking_location__id=1e400", {}, 400),
    ("get", "/2.3.0/spacecraft/99999999999999999999999/", {}, 404),
    ("get", "/2.3.0/spacecraft/%00/", {}, 404),
    ("get", "/2.3.0/spacecraft/-1/", {}, 404),
    ("get", "/2.3.0/spacecraft/1.5/", {}, 404),
    ("get", "/2.3.0/" + "a/" * 500, {}, 404),
    ("get", "/static/..%2f..%2f..%2fetc%2fpasswd", {}, 404),
    ("get", "/2.3.0/spacecraft/", {"HTTP_HOST": "attacker.example.org"}, 400),
    ("get", "/2.3.0/spacecraft/", {"HTTP_X_FORWARDED_HOST": "attacker.example.org"}, 200),
    ("get", "/2.3.0/spacecraft/", {"HTTP_AUTHORIZATION": "Token " + "k" * 5000}, 200),
    ("get", "/2.3.0/spacecraft/", {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"}, 200),
    ("get", "/2.3.0/spacecraft/", {"HTTP_ACCEPT": "application/xml"}, 406),
    ("post", "/2.3.0/spacecraft/", {}, 405),
    ("put", "/2.3.0/spacecraft/551/", {}, 405),
    ("patch", "/2.3.0/docking_events/611/", {}, 405),
    ("delete", "/2.3.0/spacecraft_flights/1/", {}, 405),
    ("post", "/2.3.0/api-throttle/", {}, 405),
    ("post", "/health/", {}, 405),
    ("trace", "/2.3.0/spacecraft/", {}, 405),
]


@pytest.mark.parametrize("method, path, headers, status", CASES, ids=[f"{c[0]} {c[1][:60]} {c[2]}" for c in CASES])
def test_hostile_request(client, method, path, headers, status):
    client.raise_request_exception = False
    response = getattr(client, method)(path, **headers)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    if status >= 400:
        assert body, body


@override_settings(DEBUG=False)
def test_no_response_ever_carries_a_traceback_or_a_setting(client):
    client.raise_request_exception = False
    for method, path, headers, _ in CASES:
        text = getattr(client, method)(path, **headers).content.decode(errors="replace")
        assert "Traceback" not in text and "SECRET_KEY" not in text and "/work/" not in text
