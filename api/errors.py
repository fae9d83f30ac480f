"""One error envelope for every API error: {"error": {"status", "title", "detail", ...}}."""
from __future__ import annotations

from typing import Any, Awaitable, Optional, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


T = TypeVar("T")


class ApiError(Exception):
    def __init__(self, status: int, title: str, detail: str = "", headers: Optional[dict[str, str]] = None,
                 **extra: Any):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra
        self.headers = headers


async def enveloped(awaitable: Awaitable[T]) -> T:
    """Await a handler's work; an exception that is no :class:`ApiError` is a bug, not the client's fault, and still
    leaves in the one envelope (a 500 that names it)."""
    try:
        return await awaitable
    except ApiError:
        raise
    except Exception as exc:
        raise ApiError(500, "internal error", f"{type(exc).__name__}: {exc}") from exc


def envelope(status: int, title: str, detail: str = "", **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "title": title, "detail": detail, **extra}}


def error_response(exc: ApiError) -> JSONResponse:
    """The envelope of an :class:`ApiError` as a response (the app's handler, and /sparql's fast path)."""
    return JSONResponse(envelope(exc.status, exc.title, exc.detail, **exc.extra), status_code=exc.status,
                        headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse(envelope(exc.status_code, str(exc.detail)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return JSONResponse(envelope(400, "invalid request", str(exc.errors())), status_code=400)
