"""JSON answers for requests that no endpoint serves."""

from django.http import JsonResponse


def bad_request(request, exception=None):
    """A request Django refuses before any view, such as one for a host not in ALLOWED_HOSTS."""
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request, exception=None):
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)


def not_found(request, exception=None, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    return JsonResponse({"detail": "A server error occurred."}, status=500)


def not_served(request, *args, **kwargs):
    """An LL2 resource that this server's responses embed and link to, but that it does not serve itself."""
    return JsonResponse(
        {
            "detail": "Not served: this LL2 resource is embedded in the responses of this server, "
            "but its own endpoint is not served here. The API root lists the endpoints that are."
        },
        status=404,
    )
