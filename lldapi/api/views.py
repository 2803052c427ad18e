"""The views that are not resources of the registry: LL2's throttle status, and the health check."""

import dataclasses

from asgiref.sync import sync_to_async
from django.db import DatabaseError
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema
from health_check.base import HealthCheck
from health_check.views import HealthCheckView
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from lldapi.models import SetAsideRecord, UnknownKey

from .throttling import LL2Throttle


class APIThrottle(serializers.Serializer):
    """LL2's `APIThrottle`: one object, as LL2 answers it (its published schema says an array of one)."""

    your_request_limit = serializers.IntegerField()
    limit_frequency_secs = serializers.IntegerField()
    current_use = serializers.IntegerField()
    next_use_secs = serializers.IntegerField()
    ident = serializers.CharField()


class APIThrottleView(APIView):
    """
    API endpoint that allows API Throttle information to be viewed.

    GET:
    Returns a range of information about your API access
    """

    # Asking how much is left never uses any of it.
    throttle_classes = []
    serializer_class = APIThrottle

    @extend_schema(responses=APIThrottle)
    def get(self, request, *args, **kwargs):
        return Response(APIThrottle(LL2Throttle().status(request)).data)


@dataclasses.dataclass
class RecordsSetAside(HealthCheck):
    """How many records `sync_ll2` could not store (`sync_ll2 --problems` lists them): information, which
    its name carries, never a failure."""

    count: int

    def run(self):
        pass


@dataclasses.dataclass
class KeyUnknownHere(HealthCheck):
    """A key of LL2's records that `sync_ll2` left out, how often, and a page it came in: information,
    which its name carries, never a failure."""

    key: str
    times: int
    example: str

    def run(self):
        pass


def sync_findings():
    """The informational checks of what syncs met, none when the database does not answer (the database
    check reports that)."""
    try:
        unknown = [KeyUnknownHere(key.key, key.times, key.example) for key in UnknownKey.objects.all()]
        return [RecordsSetAside(SetAsideRecord.objects.count()), *unknown]
    except DatabaseError:
        return []


class HealthView(HealthCheckView):
    """For load balancers: a `SELECT 1`, 200 when the database answers, 500 when it does not; and what
    syncs set aside or left out, as checks that always pass."""

    checks = ["health_check.checks.Database"]

    async def get(self, request, *args, **kwargs):
        self.findings = await sync_to_async(sync_findings)()
        return await super().get(request, *args, **kwargs)

    def get_checks(self):
        yield from super().get_checks()
        yield from self.findings

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = JsonResponse({"detail": f'Method "{request.method}" not allowed.'}, status=405)
        response["Allow"] = ", ".join(m.upper() for m in self.http_method_names if hasattr(self, m))
        if not self.view_is_async:
            return response

        async def answer():
            return response

        return answer()
