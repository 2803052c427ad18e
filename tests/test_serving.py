"""HTTP behaviour for production: conditional requests, caching headers, compression, proxies."""

import gzip
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.test import override_settings
from rest_framework import serializers

from lldapi.api.modes import ModeViewSet
from lldapi.checks import NO_SECRET_KEY

pytestmark = pytest.mark.django_db

URL = "/2.3.0/spacecraft/?format=json"
ROOT = Path(__file__).resolve().parent.parent


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


@pytest.mark.parametrize("accept_encoding, compressed", [
    ("gzip;q=0", False),
    ("gzip; q=0.000, deflate", False),
    ("*;q=0", False),
    ("br, *;q=0", False),
    ("GZIP;Q=0", False),
    ("gzip;q=0.5", True),
    ("*;q=0, gzip", True),
    ("gzip;q=0.1, *;q=0", True),
    ("deflate, gzip;q=1.0", True),
    ("gzip;q=x", True),
])
def test_gzip_only_when_its_weight_is_above_zero(client, accept_encoding, compressed):
    response = client.get("/2.3.0/spacecraft/?limit=100&mode=detailed", HTTP_ACCEPT_ENCODING=accept_encoding)
    assert response.status_code == 200
    assert (response.get("Content-Encoding") == "gzip") is compressed
    assert "Accept-Encoding" in response["Vary"]
    json.loads(gzip.decompress(response.content) if compressed else response.content)


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


# Operating it

def test_cors_is_open_to_every_origin_for_reads(client):
    response = client.get(URL, HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/2.3.0/spacecraft/", HTTP_ORIGIN="https://app.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"], CORS_ALLOW_ALL_ORIGINS=False)
def test_cors_can_be_limited_to_listed_origins(client):
    assert client.get(URL, HTTP_ORIGIN="https://app.example.org")["Access-Control-Allow-Origin"] == (
        "https://app.example.org"
    )
    assert "Access-Control-Allow-Origin" not in client.get(URL, HTTP_ORIGIN="https://other.example.org")


def test_health_reports_the_database(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert json.loads(response.content) == {"Database(alias='default')": "OK", "RecordsSetAside(count=0)": "OK"}
    assert "no-cache" in response["Cache-Control"]


def test_head_answers_carry_the_headers_of_get_and_no_body(client):
    get = client.get(URL)
    head = client.head(URL)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))
    assert client.head(URL, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


def test_a_host_not_allowed_gets_a_json_400(client):
    response = client.get(URL, HTTP_HOST="attacker.example.org")
    assert response.status_code == 400
    assert json.loads(response.content) == {"detail": "Bad request."}


def test_security_headers(client):
    response = client.get(URL)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_an_unhandled_exception_is_a_json_500_and_a_logged_traceback(client, caplog):
    client.raise_request_exception = False
    with mock.patch.object(ModeViewSet, "list", side_effect=RuntimeError("the disk is on fire")):
        response = client.get(URL)
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "A server error occurred."}
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info[0] is RuntimeError
    assert any(
        isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr
        for handler in logging.getLogger().handlers
    )


def production_setting(code, **environment):
    """A value of the production settings (or gunicorn's), as a fresh process with `environment` sees it."""
    unset = {"ALLOWED_HOSTS", "TRUST_PROXY_HEADERS", "CONN_MAX_AGE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "SECRET_KEY": "s" * 50, **environment},
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return result.stdout.strip()


def test_production_defaults_answer_loopback_hosts_only():
    assert production_setting("from lldapi import settings; print(settings.ALLOWED_HOSTS)") == (
        "['localhost', '127.0.0.1', '[::1]']"
    )


def test_gunicorn_workers_keep_their_database_connections_unless_told_otherwise():
    read = (
        "import runpy; runpy.run_path('lldapi/gunicorn.py'); from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    assert production_setting(read) == "600 True"
    assert production_setting(read, CONN_MAX_AGE="0") == "0 True"
    # Elsewhere (the development server starts a thread, and so a connection, per request): Django's 0.
    django = "from lldapi import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    assert production_setting(django) == "0"


def test_gunicorn_believes_forwarded_headers_only_when_told_to():
    read = "import runpy; config = runpy.run_path('lldapi/gunicorn.py'); print(repr(config['forwarded_allow_ips']))"
    assert production_setting(read) == "''"
    assert production_setting(read, TRUST_PROXY_HEADERS="1") == "'127.0.0.1,::1'"
    assert production_setting(read, TRUST_PROXY_HEADERS="1", FORWARDED_ALLOW_IPS="10.0.0.2") == "'10.0.0.2'"
    access = "import runpy; print(runpy.run_path('lldapi/gunicorn.py')['accesslog'])"
    assert production_setting(access) == "-"
    assert production_setting(access, ACCESS_LOG="0") == "None"


def without_secret_key(command, **environment):
    """`command` run by Python in a fresh process with no SECRET_KEY and DEBUG off, unless `environment` says."""
    env = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, *command], env={**env, **environment}, capture_output=True, text=True, cwd=ROOT
    )


def test_production_refuses_to_start_without_a_secret_key():
    served = without_secret_key(["-c", "import lldapi.wsgi"])
    assert served.returncode != 0
    assert f"ImproperlyConfigured: {NO_SECRET_KEY}" in served.stderr
    checked = without_secret_key(["manage.py", "check", "--deploy"])
    assert checked.returncode != 0
    assert f"(lldapi.E001) {NO_SECRET_KEY}" in checked.stderr


def test_a_secret_key_or_debug_passes_the_deploy_check():
    for environment in ({"SECRET_KEY": "a-long-random-string-of-the-operator-0123456789-abcdefgh"}, {"DEBUG": "1"}):
        checked = without_secret_key(["manage.py", "check", "--deploy"], **environment)
        assert checked.returncode == 0, checked.stderr[-2000:]
        assert "lldapi.E001" not in checked.stdout + checked.stderr


def test_an_object_shown_many_times_in_one_shape_is_represented_once(client, settings):
    settings.REPRESENTATION_STORE = False  # the serializer path (the store makes each fragment once anyway)
    built = []
    represent = serializers.ModelSerializer.to_representation

    def counted(serializer, instance):
        built.append((type(serializer), instance.pk))
        return represent(serializer, instance)

    with mock.patch.object(serializers.ModelSerializer, "to_representation", counted):
        body = json.loads(client.get("/2.3.0/spacecraft/?mode=detailed&limit=100").content)
    assert len(built) == len(set(built))
    # The statuses repeat across the page, yet each is built once.
    shown = [record["status"]["id"] for record in body["results"]]
    assert len(shown) > len(set(shown))
