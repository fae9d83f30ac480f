"""One line per user mistake, never a traceback (unless ``--debug``): every command runs inside :func:`guarded`."""
from __future__ import annotations

import functools
import sys
from typing import Callable, TypeVar

import click
import typer
from rich.console import Console

F = TypeVar("F", bound=Callable)


def _user_errors() -> tuple[type[BaseException], ...]:
    from pydantic import ValidationError

    from marketgraph.api.sparql.catalog import CatalogError, ParamError

    from ..evalrun import EvalTargetError
    from ..evaluation import GoldFormatError
    from ..metadata import MetadataError
    from ..querying import QueryError, QueryRefused
    from ..read import ReadError
    from ..sources import RegistryError
    from ..storeerrors import StoreError

    return (StoreError, RegistryError, MetadataError, EvalTargetError, GoldFormatError, ReadError, QueryRefused,
            QueryError, SyntaxError, ParamError, CatalogError, ValidationError, OSError, UnicodeDecodeError)


def debug_enabled() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and isinstance(root.obj, dict) and root.obj.get("debug"))


def one_line(err: BaseException) -> str:
    from pydantic import ValidationError

    if isinstance(err, ValidationError):
        e = err.errors()[0]
        where = ".".join(str(x) for x in e.get("loc", ())) or "setting"
        return f"setting MARKETGRAPH_{where.upper()}: {e.get('msg')}"
    if isinstance(err, OSError) and err.filename:
        return f"{err.filename}: {err.strerror or err}"
    text = " ".join(str(err).split()) or type(err).__name__
    return text


def guarded(fn: F) -> F:
    """Run a command; a user's mistake is one red line and exit 2, anything else one line and exit 70."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt):
            raise
        except _user_errors() as err:
            if debug_enabled():
                raise
            label = "syntax error" if isinstance(err, SyntaxError) else "error"
            Console(stderr=True, highlight=False).print(f"[red]{label}:[/red] {one_line(err)}", soft_wrap=True)
            raise typer.Exit(2)
        except Exception as err:
            if debug_enabled():
                raise
            Console(stderr=True, highlight=False).print(
                f"[red]internal error:[/red] {type(err).__name__}: {one_line(err)} (run with --debug for the traceback)",
                soft_wrap=True)
            raise typer.Exit(70)

    return run  # type: ignore[return-value]


def stderr() -> Console:
    con = Console(stderr=True, highlight=False)
    if not con.is_terminal:
        con.width = 160
    return con


def out() -> Console:
    """Standard output: the terminal's width, or 160 columns when piped (tables stay readable in a file)."""
    con = Console(highlight=False, soft_wrap=False)
    if not con.is_terminal:
        con.width = 160
    return con


def is_tty() -> bool:
    return sys.stdout.isatty()
