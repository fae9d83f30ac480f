"""Options several commands share, and the settings they fill."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..settings import Settings

STORE = typer.Option(None, "--store", help="Store directory (default: $MARKETGRAPH_STORE or var/store).")


def settings(**overrides) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def store_path(store: Optional[Path]) -> Optional[Path]:
    return store
