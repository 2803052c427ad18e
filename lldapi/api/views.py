"""The views that are not resources of the registry: LL2's throttle status, and the health check."""

from django.http import JsonResponse
from drf_spectacular.utils import extend_schema
from health_check.views import HealthCheckView
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

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


class HealthView(HealthCheckView):
    """For load balancers: a `SELECT 1`, 200 when the database answers, 500 when it does not."""

    checks = ["health_check.checks.Database"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = JsonResponse({"detail": f'Method "{request.method}" not allowed.'}, status=405)
        response["Allow"] = ", ".join(m.upper() for m in self.http_method_names if hasattr(self, m))
        if not self.view_is_async:
            return response

        async def answer():
            return response

        return answer()
