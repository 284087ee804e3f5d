"""Settings of the gunicorn that `make bench` drives: the portal's, with the bare page's URL (bench/bare.py)."""

from library_portal.settings import *  # noqa: F403 - the portal's settings, with one more URL

ROOT_URLCONF = "bench.bare"
