"""The project's own system checks, and the refusal to serve without a secret key."""

from django.conf import settings
from django.core import checks

NO_SECRET_KEY = (
    "SECRET_KEY is not set. With DEBUG off, as in production, set the SECRET_KEY environment variable to a "
    "long random string of your own; only development (DEBUG=1) runs without it, on a published key."
)


def in_production_without_secret_key():
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    return [checks.Error(NO_SECRET_KEY, id="lldapi.E001")] if in_production_without_secret_key() else []
