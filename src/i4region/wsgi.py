"""WSGI entry point for gunicorn: `gunicorn i4region.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "i4region.settings")
application = get_wsgi_application()
