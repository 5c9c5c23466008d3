"""gunicorn settings for i4region: `gunicorn -c python:i4region.gunicorn_conf i4region.wsgi`.

Every value can still be overridden on the command line (e.g. --bind, --workers).
"""

import os

import gunicorn.http.wsgi

# gunicorn names itself and its version in a Server header that cannot be switched off; name
# the product instead, so a probe learns nothing about the server software.
gunicorn.http.wsgi.SERVER = "i4region"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Behind the TLS proxy: the proxy, not the client, decides X-Forwarded-Proto (see TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
