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
