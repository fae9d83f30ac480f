"""The `marketgraph` command. Each concern has its module: documents (build, add, remove, list, status,
rebuild), query, extract, evaluate (eval), serve; errors and rendering are shared."""
from __future__ import annotations

from typing import Optional

import typer

from . import documents, evaluate, extract, query, serve
from .helptext import reflow_commands


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("marketgraph")
        except PackageNotFoundError:
            v = "unknown"
        typer.echo(f"marketgraph {v}")
        raise typer.Exit(0)


def make_app() -> typer.Typer:
    app = typer.Typer(help="marketgraph: a knowledge graph of products, markets and metrics from corporate documents.",
                      no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _root(ctx: typer.Context,
              debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks instead of one-line errors."),
              version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                     help="Print the version and exit.")) -> None:
        ctx.obj = {"debug": debug}

    for module in (documents, query, extract, evaluate, serve):
        module.register(app)
    reflow_commands(app)
    return app


app = make_app()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
