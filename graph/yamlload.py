"""Read the knowledge's YAML files with libyaml's C loader when PyYAML has it, else with the pure-Python one.

Both are safe loaders and give the same data for every file in ``mappings/`` (tests/test_knowledge_cache.py checks
it); the C one parses them about eight times faster, which is most of a one-file ``marketgraph add``'s start-up.
A user's own YAML (a ``NAME.meta.yaml`` sidecar) keeps the pure-Python loader and its error messages.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_text(text: str) -> Any:
    """The data of one YAML document (None for an empty one)."""
    return yaml.load(text, Loader=SafeLoader)


def load_file(path: Path) -> Any:
    """The data of a UTF-8 YAML file (None for an empty one)."""
    return load_text(path.read_text(encoding="utf-8"))
