from collections import OrderedDict

import pytest
from django.test import RequestFactory
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request

from lldapi.api import negotiation
from lldapi.api.negotiation import RememberedNegotiation


@pytest.fixture(autouse=True)
def nothing_remembered(monkeypatch):
    monkeypatch.setattr(RememberedNegotiation, "choices", OrderedDict())


def request_for(accept=None, fmt=None):
    headers = {"HTTP_ACCEPT": accept} if accept is not None else {}
    return Request(RequestFactory().get("/2.3.0/spacecraft/", {"format": fmt} if fmt else {}, **headers))


@pytest.mark.parametrize(
    "accept, fmt",
    [
        (None, None),
        ("application/json", None),
        ("*/*", None),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None),
        ("application/json; indent=4", None),
        ("*/*", "api"),
        (None, "json"),
    ],
)
def test_the_choice_is_drf_s_and_then_remembered(accept, fmt):
    def view_renderers():
        return [JSONRenderer(), BrowsableAPIRenderer()]

    expected = DefaultContentNegotiation().select_renderer(request_for(accept, fmt), view_renderers())
    for _ in range(2):  # chosen, then remembered
        renderers = view_renderers()
        renderer, media_type = RememberedNegotiation().select_renderer(request_for(accept, fmt), renderers)
        assert any(renderer is item for item in renderers)  # one of this view's own renderers
        assert (type(renderer), media_type) == (type(expected[0]), expected[1])
    assert len(RememberedNegotiation.choices) == 1


def test_a_refusal_is_not_remembered_and_what_is_remembered_is_bounded(monkeypatch):
    with pytest.raises(NotAcceptable):
        RememberedNegotiation().select_renderer(request_for("application/xml"), [JSONRenderer()])
    assert not RememberedNegotiation.choices
    monkeypatch.setattr(negotiation, "REMEMBERED", 3)
    for number in range(5):
        RememberedNegotiation().select_renderer(request_for(f"application/json; n={number}"), [JSONRenderer()])
    assert [key[2] for key in RememberedNegotiation.choices] == [f"application/json; n={n}" for n in (2, 3, 4)]
