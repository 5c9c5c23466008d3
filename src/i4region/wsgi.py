"""WSGI entry point for gunicorn: `gunicorn i4region.wsgi`."""

import importlib
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")
application = get_wsgi_application()
# The URLconf and every app's views (the index engine among them) load while the worker starts,
# not inside its first visitor's request (about a second).
importlib.import_module(settings.ROOT_URLCONF)
