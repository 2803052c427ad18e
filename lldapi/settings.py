"""Settings for the LL2 mirror.

Everything that differs between a laptop and a production host comes from the environment:
DATABASE_URL (default: an embedded SQLite file), CONN_MAX_AGE, DEBUG, SECRET_KEY, ALLOWED_HOSTS,
TRUST_PROXY_HEADERS, CACHE_MAX_AGE.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")
# Without SECRET_KEY, a published key that production (DEBUG off) refuses to serve with (lldapi/wsgi.py)
# and `manage.py check --deploy` rejects (lldapi/checks.py); management commands and tests read no key.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-published-with-the-source"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # WhiteNoise serves static files under `runserver` too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "corsheaders",
    "health_check",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "lldapi",
    "agencies",
    "launches",
    "spacecraft",
    "docking",
    "dashboard",
]

MIDDLEWARE = [
    "lldapi.middleware.HeadAsGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lldapi.middleware.StaticFilesMiddleware",
    # Compresses what ConditionalGetMiddleware has tagged, which turns its strong ETag weak.
    "lldapi.middleware.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lldapi.middleware.CacheControlMiddleware",
    # Inside CommonMiddleware, which still turns its 404 into the redirect to the path with a slash.
    "lldapi.middleware.NotFoundMiddleware",
]

# A public read-only API, called from web pages on other origins: open to all of them, unless
# CORS_ALLOWED_ORIGINS lists the only ones allowed.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

SILENCED_SYSTEM_CHECKS = [
    # HSTS and the redirect to https belong to the TLS-terminating proxy in front of the server.
    "security.W004",
    "security.W008",
    # No sessions, cookies or forms: a read-only API has nothing for CSRF protection to protect.
    "security.W003",
]

# Logs go to stderr: every unhandled exception with its traceback (`django.request`, errors only: the
# access log has every status), and the app's own lines. Gunicorn writes the access log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "gunicorn": {"format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
                     "datefmt": "%Y-%m-%d %H:%M:%S %z"},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "gunicorn"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler only speaks under DEBUG; ours always does.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"level": "ERROR"},
    },
}

CACHE_MAX_AGE = int(os.environ.get("CACHE_MAX_AGE", "60"))

# Rate limits like LL2's (`15/hour`), off unless set; see lldapi/api/throttling.py.
THROTTLE_ANON = os.environ.get("THROTTLE_ANON") or None
THROTTLE_KEY = os.environ.get("THROTTLE_KEY") or None
API_KEYS = env_list("API_KEYS")

# The database holds the throttles' counts, so that every worker and app server shares them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lldapi_cache"}}

# Behind a reverse proxy that sets them, self links and pagination links use the proxy's scheme and
# host. Only trust these headers when a proxy you control overwrites them.
TRUST_PROXY_HEADERS = env_flag("TRUST_PROXY_HEADERS")
USE_X_FORWARDED_HOST = TRUST_PROXY_HEADERS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_PROXY_HEADERS else None

ROOT_URLCONF = "lldapi.urls"
WSGI_APPLICATION = "lldapi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's PostgreSQL backend, whose health check reads the data version (lldapi/postgresql).
    DATABASES["default"]["ENGINE"] = "lldapi.postgresql"
    # No JIT compilation: it is for long analytical queries, and the planner's estimate for the store's
    # recursive read (lldapi/store/assembly.py, `fetch_tree`) makes it compile for 140 ms a query that runs
    # in 4. Options of DATABASE_URL (`?options=...`) win.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off", **DATABASES["default"].get("OPTIONS", {})}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, whose statements hold as many values as SQLite takes (lldapi/sqlite). Its
    # tests run in memory, as Django's own SQLite backend's do (which pytest-django knows by its name).
    DATABASES["default"]["ENGINE"] = "lldapi.sqlite"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:", **DATABASES["default"].get("TEST", {})}
    # WAL: reads go on while an import writes. A writer takes the lock as its transaction begins
    # (IMMEDIATE) and waits up to `timeout` seconds for another writer's to end, instead of failing at
    # once when it first writes. Options of DATABASE_URL (`?timeout=60`) win.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "lldapi.api.negotiation.RememberedNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": ["lldapi.api.throttling.APIKeyAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["lldapi.api.throttling.LL2Throttle"],
    # A client's address is REMOTE_ADDR, or behind a trusted proxy the last X-Forwarded-For entry.
    "NUM_PROXIES": 1 if TRUST_PROXY_HEADERS else 0,
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "lldapi.api.pagination.LL2Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "lldapi.api.search.BoundedSearchFilter",
        "lldapi.api.ordering.StableOrderingFilter",
    ],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_SCHEMA_CLASS": "lldapi.api.openapi.ModeAutoSchema",
    "ALLOWED_VERSIONS": ["2.3.0", "2.0.0"],
    # Views outside a version's namespace (the OpenAPI document) speak of 2.3.0.
    "DEFAULT_VERSION": "2.3.0",
}

# The OpenAPI document of the 2.3.0 endpoints (`/2.3.0/schema/`) and its Swagger UI (`/2.3.0/swagger/`),
# served from this server's own static files.
SPECTACULAR_SETTINGS = {
    "TITLE": "Launch Library 2 mirror",
    "DESCRIPTION": "A read-only mirror of Launch Library 2's 2.3.0 API: the same paths, JSON and filters.",
    "VERSION": "2.3.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["lldapi.api.openapi.only_our_2_3_0_endpoints"],
    "GET_LIB_DOC_EXCLUDES": "lldapi.api.openapi.library_doc_excludes",
    # Without drf-spectacular's enum hook: LL2 writes its enums in place, not as components.
    "POSTPROCESSING_HOOKS": [
        "lldapi.api.openapi.integers_without_column_ranges",
        "lldapi.api.openapi.other_formats_as_text",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# JSON answers come from the representation store (lldapi/store/); off (`0`): every answer is
# made by the serializers.
REPRESENTATION_STORE = env_flag("REPRESENTATION_STORE", default=True)
# How many days `manage.py prune_changes` keeps of the change log (`/2.3.0/changes/`).
CHANGE_LOG_DAYS = int(os.environ.get("CHANGE_LOG_DAYS", "365"))
# What each worker keeps in memory of the store between requests, in MB (0: nothing), valid until the
# data changes.
STORE_MEMORY_MB = int(os.environ.get("STORE_MEMORY_MB", "64"))
