"""JSON answers for requests that never reach a viewset."""

from django.http import JsonResponse


def not_found(request, exception=None):
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    return JsonResponse({"detail": "A server error occurred."}, status=500)


def not_mirrored(request, *args, **kwargs):
    """The LL2 resources that this server embeds and links to, but does not serve itself."""
    return JsonResponse(
        {
            "detail": "This server mirrors LL2's spacecraft, spacecraft flight and docking event "
            "endpoints only; this resource is embedded in their responses but not served on its own."
        },
        status=404,
    )
