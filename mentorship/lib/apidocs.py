"""The API docs page: Swagger UI served from static/, so it works offline and under a 'self'-only policy."""

from __future__ import annotations

from html import escape
from typing import Any

from litestar import Request
from litestar.openapi.plugins import OpenAPIRenderPlugin

SWAGGER_UI = "/static/vendor/swagger-ui-5.36.0"


class LocalSwaggerRenderPlugin(OpenAPIRenderPlugin):
    """Swagger UI from vendored files, started by a script file (the policy allows no inline script)."""

    def __init__(self, *, path: str = "/swagger") -> None:
        super().__init__(path=path, favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        """The page that loads Swagger UI on the schema's JSON."""
        title = escape(str(openapi_schema["info"]["title"]))
        schema_url = escape(self.get_openapi_json_route(request))
        return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
</head>
<body>
  <main id="swagger-ui" data-url="{schema_url}"></main>
  <noscript>The API docs need JavaScript; the schema is at <a href="{schema_url}">{schema_url}</a>.</noscript>
  <script src="{SWAGGER_UI}/swagger-ui-bundle.js"></script>
  <script src="/static/js/api-docs.js"></script>
</body>
</html>
""".encode()
