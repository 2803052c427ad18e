from django.conf import settings
from django.utils.cache import patch_cache_control


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
