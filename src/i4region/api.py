"""The open read API (`/api/v1/`, OpenAPI at `/api/v1/docs`).

Each app that has an `api` module with a ninja `router` contributes its endpoints.
"""

from ninja import NinjaAPI, Router, Swagger
from ninja.errors import ValidationError

import i4region
from i4region.core.registry import app_modules

_PROBLEM = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    }
}


class API(NinjaAPI):
    """The API whose schema also names the answers every operation can give.

    A path parameter that names nothing is 404, and a NUL byte or other control character in
    any parameter is 400 (core.middleware) whatever the router declared. An operation that
    answers 404 without a path parameter declares it (`response={404: …}` or `openapi_extra`).
    """

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                responses.setdefault(400, {"description": "Bad Request", **_PROBLEM})
                if any(p["in"] == "path" for p in operation.get("parameters", ())):
                    responses.setdefault(404, {"description": "Not Found", **_PROBLEM})
                for status in (400, 404):  # declared in openapi_extra by description only
                    if status in responses and "content" not in responses[status]:
                        responses[status].update(_PROBLEM)
        return schema


api = API(
    title="i4region API",
    version=i4region.__version__,
    urls_namespace="api",
    description="Open read access to the regional observatory of i4region.",
    # everything offline: Swagger UI's default badge calls validator.swagger.io
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(ValidationError)
def malformed_parameters(request, exc: ValidationError):
    """Malformed input is the client's error: 400 with what is wrong and where, for every app."""
    problems = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    missing = [e["loc"][-1] for e in exc.errors if e.get("type") == "missing" and e.get("loc")]
    detail = f"parameter '{missing[0]}' is required" if missing else "malformed parameters"
    return api.create_response(request, {"detail": detail, "errors": problems}, status=400)


for _config, _module in app_modules("api"):
    api.add_router("", _module.router)

# Last of all: any other path under /api/v1/ answers like the API does, in JSON, not the HTML page.
_unknown = Router()


@_unknown.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def unknown_path(request, rest: str):
    return api.create_response(request, {"detail": "Not Found"}, status=404)


api.add_router("", _unknown)
