"""The open read API (`/api/v1/`, OpenAPI at `/api/v1/docs`): each app contributes a router."""

from ninja import NinjaAPI

import i4region

api = NinjaAPI(title="i4region API", version=i4region.__version__, urls_namespace="api",
               description="Open read access to the regional observatory of i4region.")
