"""Rate limits like LL2's: off by default; per address or per API key when set; `/2.3.0/api-throttle/`."""

import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

URL = "/2.3.0/spacecraft/?limit=1"
STATUS = "/2.3.0/api-throttle/"


def status(client, **headers):
    """The throttle object, in LL2's key order."""
    response = client.get(STATUS, **headers)
    assert response.status_code == 200
    throttle = json.loads(response.content)
    assert list(throttle) == ["your_request_limit", "limit_frequency_secs", "current_use", "next_use_secs", "ident"]
    return throttle


def test_off_by_default_with_integers_that_never_make_a_client_wait(client):
    assert all(client.get(URL).status_code == 200 for _ in range(20))
    assert status(client) == {
        "your_request_limit": 2**31 - 1, "limit_frequency_secs": 3600, "current_use": 0, "next_use_secs": 0,
        "ident": "127.0.0.1",
    }


@override_settings(THROTTLE_ANON="3/hour")
def test_anonymous_clients_are_limited_by_address(client):
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    throttled = client.get(URL)
    assert throttled.status_code == 429
    wait = int(throttled["Retry-After"])
    assert 3590 <= wait <= 3600
    assert json.loads(throttled.content) == {"detail": f"Request was throttled. Expected available in {wait} seconds."}
    # Asking how much is left never uses any of it.
    for _ in range(3):
        assert status(client) == {
            "your_request_limit": 3, "limit_frequency_secs": 3600, "current_use": 3, "next_use_secs": wait,
            "ident": "127.0.0.1",
        }
    # Another address has its own count; a forged X-Forwarded-For is not an address.
    assert client.get(URL, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get(URL, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


@override_settings(THROTTLE_ANON="1/hour", THROTTLE_KEY="4/hour", API_KEYS=["k-one", "k-two"])
def test_key_holders_have_their_own_rate_per_key(client):
    one = {"HTTP_AUTHORIZATION": "Token k-one"}
    assert [client.get(URL, **one).status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert status(client, **one)["your_request_limit"] == 4 and status(client, **one)["current_use"] == 4
    assert client.get(URL, HTTP_AUTHORIZATION="Token k-two").status_code == 200
    assert [client.get(URL).status_code for _ in range(2)] == [200, 429]


@override_settings(THROTTLE_ANON="2/hour", THROTTLE_KEY="10/hour")
@pytest.mark.parametrize("header", ["Token 0123abcd", "Token", "Token a b"])
def test_without_api_keys_a_key_is_served_as_anonymous(client, header):
    """A client of LL2 that keeps its key when it switches to this server is served, at the anonymous rate."""
    assert [client.get(URL, HTTP_AUTHORIZATION=header).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(URL).status_code == 429  # the address's count
    throttle = status(client, HTTP_AUTHORIZATION=header)
    assert (throttle["your_request_limit"], throttle["current_use"]) == (2, 2)


@override_settings(THROTTLE_ANON="1/hour", THROTTLE_KEY="10/hour", API_KEYS=["k-one"])
def test_a_known_key_is_served_at_the_key_rate(client):
    known = {"HTTP_AUTHORIZATION": "Token k-one"}
    assert [client.get(URL, **known).status_code for _ in range(3)] == [200, 200, 200]
    assert status(client, **known) == {
        "your_request_limit": 10, "limit_frequency_secs": 3600, "current_use": 3, "next_use_secs": 0,
        "ident": "127.0.0.1",
    }


@override_settings(API_KEYS=["k-one"])
@pytest.mark.parametrize(
    "header",
    ["Token nope", "Token", "Token k-one extra", "Token " + "k" * 5000],
    ids=["unknown", "no key", "two words", "5000 characters"],
)
def test_an_unknown_key_is_a_json_401(client, header):
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert json.loads(response.content) == {"detail": "Invalid token."}
    assert response["WWW-Authenticate"] == "Token"
    assert client.get(STATUS, HTTP_AUTHORIZATION=header).status_code == 401
