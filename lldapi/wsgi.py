"""The WSGI application for production servers (`gunicorn -c lldapi/gunicorn.py lldapi.wsgi`)."""

import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from lldapi.checks import NO_SECRET_KEY, in_production_without_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lldapi.settings")

if in_production_without_secret_key():
    raise ImproperlyConfigured(NO_SECRET_KEY)

application = get_wsgi_application()


def settle_garbage_collector():
    """Load every view and serializer and freeze them out of the cyclic garbage collector, which else
    rescans them at each collection of a page's short-lived objects (a third of a request's time)."""
    import lldapi.urls  # noqa: F401  (every view and serializer)
    from lldapi import store

    store.all_components()  # the representation store's plan of every shape, rather than on a first request
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


settle_garbage_collector()
