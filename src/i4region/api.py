"""The open read API (`/api/v1/`, OpenAPI at `/api/v1/docs`).

Each app that has an `api` module with a ninja `router` contributes its endpoints.
"""

from importlib import import_module

from django.apps import apps
from ninja import NinjaAPI

import i4region

api = NinjaAPI(title="i4region API", version=i4region.__version__, urls_namespace="api",
               description="Open read access to the regional observatory of i4region.")

for _config in apps.get_app_configs():
    if _config.name.startswith("i4region."):
        try:
            _module = import_module(f"{_config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{_config.name}.api":
                raise
            continue
        api.add_router("", _module.router)
