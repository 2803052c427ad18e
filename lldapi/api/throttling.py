"""Rate limits like LL2's, off unless configured: per client address, or per API key for key holders.

LL2 allows 15 calls an hour to anonymous clients and more to key holders, who send
`Authorization: Token <key>`. Here `THROTTLE_ANON` and `THROTTLE_KEY` set the two rates (`15/hour`;
unset: no limit) and `API_KEYS` lists the keys. Counts live in the database's cache table, shared by
every worker. A throttled request gets DRF's `429` with `Retry-After` and the text LL2 sends
("Request was throttled. Expected available in N seconds.").
"""

import hashlib

from django.conf import settings
from rest_framework import HTTP_HEADER_ENCODING, authentication, exceptions, throttling

# The limit `/api-throttle/` reports when there is none: LL2 always answers integers, which clients
# decode into integer types, some unsigned; 2**31 - 1 fits 32 bits of either kind and is never reached.
UNLIMITED = 2**31 - 1


class APIKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` with one of the keys in `API_KEYS`; no header, or no `API_KEYS`: an
    anonymous client."""

    keyword = "Token"

    def authenticate(self, request):
        # Without keys to check, a client of LL2 that brings its key here is served, as anonymous.
        if not settings.API_KEYS:
            return None
        # From META: `request.headers`, which DRF's `get_authorization_header` reads, builds every header.
        words = request.META.get("HTTP_AUTHORIZATION", "").encode(HTTP_HEADER_ENCODING).split()
        if not words or words[0].lower() != self.keyword.lower().encode():
            return None
        key = words[1].decode(errors="replace") if len(words) == 2 else ""
        if key not in settings.API_KEYS:
            raise exceptions.AuthenticationFailed("Invalid token.")
        return None, key

    def authenticate_header(self, request):
        return self.keyword


class LL2Throttle(throttling.SimpleRateThrottle):
    """One rate for anonymous clients (by address), another for each API key; no rate, no limit."""

    def __init__(self):
        pass  # the rate depends on the request: see `allow_request`

    def rate_for(self, request):
        return settings.THROTTLE_KEY if request.auth else settings.THROTTLE_ANON

    def get_cache_key(self, request, view):
        if request.auth:
            return "throttle:key:" + hashlib.sha256(request.auth.encode()).hexdigest()
        return f"throttle:address:{self.get_ident(request)}"

    def allow_request(self, request, view):
        self.rate = self.rate_for(request)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def status(self, request):
        """LL2's `APIThrottle` of this client, without counting the request."""
        rate = self.rate_for(request)
        ident = self.get_ident(request) or ""  # a WSGI server always names the address; a bare call may not
        if rate is None:
            return {
                "your_request_limit": UNLIMITED, "limit_frequency_secs": 3600, "current_use": 0,
                "next_use_secs": 0, "ident": ident,
            }
        self.num_requests, self.duration = self.parse_rate(rate)
        self.now = self.timer()
        history = self.cache.get(self.get_cache_key(request, None), [])
        self.history = [moment for moment in history if moment > self.now - self.duration]
        wait = self.wait() if len(self.history) >= self.num_requests else 0
        return {
            "your_request_limit": self.num_requests, "limit_frequency_secs": self.duration,
            "current_use": len(self.history), "next_use_secs": round(wait or 0), "ident": ident,
        }
