from django.conf import settings
from django.http import JsonResponse
from django.middleware import gzip
from django.utils.cache import patch_cache_control, patch_vary_headers
from whitenoise.middleware import WhiteNoiseMiddleware

from lldapi.api.errors import not_found


class CacheControlMiddleware:
    """Lets clients and proxies reuse successful reads for `CACHE_MAX_AGE` seconds.

    Together with Django's ConditionalGetMiddleware (ETag, 304 on a matching If-None-Match), a client
    can revalidate a page it holds without downloading it again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.has_header(
            "Cache-Control"
        ):
            patch_cache_control(response, public=True, max_age=settings.CACHE_MAX_AGE)
        return response


class HeadAsGetMiddleware:
    """Answers `HEAD` exactly as `GET` would, headers included (`ETag`, `Content-Length`), without the body.

    Django's ConditionalGetMiddleware only tags `GET` answers, and gunicorn, unlike Django's
    development server, passes on a body that a `HEAD` answer must not have.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        if not response.streaming:
            response.headers.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response


def refuses_gzip(accept_encoding):
    """Whether an `Accept-Encoding` value gives gzip (or, not naming it, `*`) a weight of 0 (`gzip;q=0`)."""
    weights = {}
    for item in accept_encoding.split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weights[coding.lower()] = 1.0  # also where the weight is not a number
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weights[coding.lower()] = float(value)
                except ValueError:
                    pass
    return weights.get("gzip", weights.get("*", 1.0)) <= 0


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's, which compresses for any `Accept-Encoding` that names gzip, even one that refuses it."""

    def process_response(self, request, response):
        if refuses_gzip(request.headers.get("Accept-Encoding", "")):
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


class NotFoundMiddleware:
    """Answers a path that no URL pattern matches with the JSON 404 of `handler404` under DEBUG too, where
    Django answers its HTML page of the patterns tried (a static file WhiteNoise does not have is one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return not_found(request)
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise's, but a static file asked for with another method than `GET` or `HEAD` gets the API's
    JSON 405 rather than WhiteNoise's empty one."""

    @staticmethod
    def serve(static_file, request):
        if request.method in ("GET", "HEAD"):
            return WhiteNoiseMiddleware.serve(static_file, request)
        return JsonResponse(
            {"detail": f'Method "{request.method}" not allowed.'}, status=405, headers={"Allow": "GET, HEAD"}
        )
