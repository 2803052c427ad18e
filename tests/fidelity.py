"""Comparison of our responses with the real LL2 pages in fixtures/ll2, record by record.

Records are compared as JSON text, so key order and types (`1` vs `1.0`, `true` vs `1`) count.
The allowed differences are the ones the pages themselves force: the scheme and host of self links
and the `format` value they keep, and the media host of the images whose URL the pages disagree on.
"""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from lldapi import store
from lldapi.importer import read_page

SELF_HOST = "http://testserver"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ll2"
CORPUS = FIXTURES / "corpus"
SELF_LINK = re.compile(r"^https?://[^/]+(/\d\.\d\.\d/.*?)(\?format=\w+)?$")
# The seed pages were captured from LL2's production and development hosts, which serve these
# images from different media hosts.
MEDIA_HOSTS_DISAGREE = {1924, 1086}
MEDIA_HOST = re.compile(r"thespacedevs-(prod|dev)")


def seed_records(name):
    return read_page(FIXTURES / name)["results"]


def corpus_body(name):
    return json.loads((CORPUS / name).read_text())


def corpus_records(name):
    """The records of a file of `fixtures/ll2/corpus/`: a page's results, one object, or the bare array of
    results that an author kept without its page."""
    body = corpus_body(name)
    if isinstance(body, list):
        return body
    return body["results"] if "results" in body else [body]


def normalized(value):
    """`value` with the allowed differences erased."""
    if isinstance(value, dict):
        result = {key: normalized(item) for key, item in value.items()}
        if isinstance(value.get("url"), str) and SELF_LINK.match(value["url"]):
            result["url"] = SELF_LINK.sub(r"\1", value["url"])
        if value.get("id") in MEDIA_HOSTS_DISAGREE and "image_url" in value:
            for key in ("image_url", "thumbnail_url"):
                result[key] = MEDIA_HOST.sub("thespacedevs-MEDIA", value[key])
        return result
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def as_text(record):
    return json.dumps(normalized(record), indent=2, ensure_ascii=False)


def all_results(client, url):
    """Every record of a list endpoint, following `next` links."""
    results = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = json.loads(response.content)
        results.extend(body["results"])
        url = body["next"]
    return results


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def ids(client, url):
    return [record["id"] for record in all_results(client, url)]


def assert_reproduced(client, seed_name, list_url):
    """Each record of the seed page comes back from `list_url` identical, as JSON text."""
    ours = {record["id"]: record for record in all_results(client, list_url)}
    expected = seed_records(seed_name)
    assert expected
    for record in expected:
        assert record["id"] in ours, f"{seed_name}: record {record['id']} missing from {list_url}"
        assert as_text(ours[record["id"]]) == as_text(record), f"{seed_name}: record {record['id']} differs"


def links(value):
    """Every link to this server inside a response: the `url` of LL2 resources (not info or video URLs)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str) and item.startswith(SELF_HOST):
                yield item
            else:
                yield from links(item)
    elif isinstance(value, list):
        for item in value:
            yield from links(item)


def follow_links(client, responses):
    """Follow each distinct link inside `responses` once; return the paths of those not served here.

    Every other link must answer 200 with its object.
    """
    not_served = set()
    for link in sorted({link for response in responses for link in links(response)}):
        path = urlsplit(link).path
        response = client.get(path)
        if response.status_code == 404 and json.loads(response.content)["detail"].startswith("Not served"):
            not_served.add(re.sub(r"[^/]+/$", "", path))
            continue
        assert response.status_code == 200, (link, response.content[:300])
        assert json.loads(response.content)["id"] is not None
    return not_served


@cache
def computed_at_request_time():
    """The keys of the lists the server computes at the time of the request (`Where`: a station's
    expeditions under way), which a page captured at another time shows otherwise."""
    return {name for item in store.all_components() for name, nested in item.nested.items()
            if nested.condition is not None}


def at_any_time(value):
    """`value` without the lists computed at the time of the request."""
    if isinstance(value, dict):
        return {key: at_any_time(item) for key, item in value.items() if key not in computed_at_request_time()}
    if isinstance(value, list):
        return [at_any_time(item) for item in value]
    return value
