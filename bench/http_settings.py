"""The project's settings with REPRESENTATION_STORE taken from the environment, so that the bench can load
the production server over HTTP on either path: `DJANGO_SETTINGS_MODULE=bench.http_settings` with
`BENCH_REPRESENTATION_STORE=1` (the store path) or `0` (the serializer path). Before the project has the
setting, it is ignored and both are the serializer path.
"""

import os

from lldapi.settings import *  # noqa: F403

REPRESENTATION_STORE = os.environ["BENCH_REPRESENTATION_STORE"] == "1"
