"""The URL conf of the bench's Django floor (bench/measure.py `django_floor`).

A request whose `urlconf` attribute names this module (`request.urlconf = "floor_urls"`, set before the
handler resolves it) goes through the same handler and middleware as any other, but is answered by one
catch-all view that returns the body stored for its path and query string, as a fixed `HttpResponse`:
what Django costs to answer those bytes, with no view of ours, no query and no serializer. The project's
own URL conf is left alone.
"""

from django.http import HttpResponse
from django.urls import re_path

# The body to answer, by the request's full path (`request.get_full_path()`); filled by bench/measure.py.
BODIES = {}


def fixed_body(request):
    return HttpResponse(BODIES[request.get_full_path()], content_type="application/json")


urlpatterns = [re_path(r"", fixed_body)]
