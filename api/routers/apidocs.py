"""/docs (Swagger UI) for the OpenAPI document, with its script and styles served from this server (the assets
fastapi-offline ships), so the API documentation works without a network. (ReDoc is not offered: its page loads
its logo from its vendor's CDN.)"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from ..errors import ApiError

router = APIRouter(include_in_schema=False)
ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"}


def assets_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(openapi_url=request.app.openapi_url, title="marketgraph API",
                               swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                               swagger_css_url="/docs-assets/swagger-ui.css",
                               swagger_favicon_url="/docs-assets/favicon.png")


@router.get("/docs-assets/{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise ApiError(404, "not found", f"no documentation asset {name}")
    return FileResponse(assets_dir() / name, headers={"Cache-Control": "public, max-age=86400"})
