"""`marketgraph serve`: the web application; the port is bound before anything starts, so a busy port is one line."""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Optional

import typer

from .errors import guarded, stderr
from .options import STORE, settings


def bind(host: str, port: int) -> socket.socket:
    from ..storeerrors import StoreError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise StoreError(f"cannot listen on {host}:{port}: {err.strerror or err} (is another server running? "
                         f"choose another --port)") from None
    sock.listen(2048)
    return sock


def register(app: typer.Typer) -> None:
    @app.command()
    @guarded
    def serve(
        host: Optional[str] = typer.Option(None, help="Listen address (default $MARKETGRAPH_HOST or 127.0.0.1)."),
        port: Optional[int] = typer.Option(None, help="Port (default $MARKETGRAPH_PORT or 8000)."),
        store: Optional[Path] = STORE,
        rebuild: bool = typer.Option(False, help="Build the graph first even if one exists."),
    ) -> None:
        """Serve the SPARQL endpoint, linked-data pages and lookup API (builds the graph first if there is none)."""
        import uvicorn

        from ..generations import current_generation

        s = settings(host=host, port=port, store=store)
        sock = bind(s.host, s.port)
        try:
            if rebuild or (not s.remote_query_url and current_generation(s.store) is None):
                stderr().print("No graph built yet: building it first." if not rebuild else "Building the graph first.")
                from ..build import build as run_build
                from .documents import print_report

                print_report(run_build(s, dump_dir=s.store.with_name(s.store.name + ".dumps")))
            from marketgraph.api.app import create_app

            config = uvicorn.Config(create_app(s), log_level="info")
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
