"""HTTP behaviour for production: conditional requests, caching headers, compression, proxies."""

import gzip
import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

URL = "/2.3.0/spacecraft/?format=json"


def test_responses_carry_an_etag_and_cache_control(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"]
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]


def test_a_matching_if_none_match_gets_a_304_without_body(client):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    other = client.get("/2.3.0/spacecraft/?format=json&offset=10", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200


def test_gzip_when_the_client_accepts_it(client):
    plain = client.get(URL)
    compressed = client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    etag = compressed["ETag"]
    assert client.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_errors_are_not_cached(client):
    assert "Cache-Control" not in client.get("/2.3.0/spacecraft/?in_space=maybe")


PROXY = {"HTTP_X_FORWARDED_HOST": "mirror.example.org", "HTTP_X_FORWARDED_PROTO": "https"}


@override_settings(ALLOWED_HOSTS=["testserver", "mirror.example.org"])
def test_proxy_headers_are_ignored_unless_trusted(client):
    body = json.loads(client.get(URL, **PROXY).content)
    assert body["next"].startswith("http://testserver/")
    assert body["results"][0]["url"].startswith("http://testserver/")


@override_settings(
    ALLOWED_HOSTS=["testserver", "mirror.example.org"],
    USE_X_FORWARDED_HOST=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_trusted_proxy_headers_shape_self_and_pagination_links(client):
    body = json.loads(client.get(URL, **PROXY).content)
    assert body["next"].startswith("https://mirror.example.org/2.3.0/spacecraft/?")
    assert body["results"][0]["url"].startswith("https://mirror.example.org/2.3.0/spacecraft/")
