"""Gunicorn settings for production: `gunicorn -c lldapi/gunicorn.py lldapi.wsgi`.

PORT (default 8000), BIND_HOST (default 0.0.0.0), WEB_CONCURRENCY (workers, default 2), ACCESS_LOG
(`0` turns the access log off), CONN_MAX_AGE (default 600 here) and, with TRUST_PROXY_HEADERS,
FORWARDED_ALLOW_IPS (the proxies whose forwarded headers are believed, default the loopback
addresses) come from the environment. Gunicorn's other settings, such as its request limits
(`limit_request_line`...), keep its defaults unless GUNICORN_CMD_ARGS (`--limit-request-line 8190`) says.
"""

import os

# Each of gunicorn's sync workers serves one request at a time, so its database connection is kept
# between requests (checked before each request's first query): 10 minutes unless CONN_MAX_AGE says.
os.environ.setdefault("CONN_MAX_AGE", "600")

from lldapi.settings import TRUST_PROXY_HEADERS, env_flag  # noqa: E402 (the settings read CONN_MAX_AGE)

if not os.environ.get("SECRET_KEY"):
    raise SystemExit("SECRET_KEY must be set to serve in production")

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# One line per request on stderr: gunicorn's usual format, then the time taken in milliseconds.
accesslog = "-" if env_flag("ACCESS_LOG", default=True) else None
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
errorlog = "-"

# Gunicorn believes X-Forwarded-Proto from loopback by default, which would let any local client
# switch our links to https. Forwarded headers count only behind a proxy the operator declared.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if TRUST_PROXY_HEADERS else ""
