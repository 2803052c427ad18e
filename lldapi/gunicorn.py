"""Gunicorn settings for production: `gunicorn -c lldapi/gunicorn.py lldapi.wsgi`.

PORT (default 8000), BIND_HOST (default 0.0.0.0) and WEB_CONCURRENCY (workers, default 2) come from
the environment.
"""

import os

if not os.environ.get("SECRET_KEY"):
    raise SystemExit("SECRET_KEY must be set to serve in production")

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-" if os.environ.get("ACCESS_LOG") else None
