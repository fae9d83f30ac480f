"""Start-up of one `marketgraph add`: the knowledge's YAML read by libyaml, the compiled knowledge cached on disk.

No timing here (that is benchmarks/ingest/): these tests check that the fast paths give the same knowledge as the
slow ones, and that the cache is rebuilt -- never trusted -- when a mapping file changes or the cache file is
damaged.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marketgraph.graph import yamlload

ROOT = Path(__file__).resolve().parent.parent
MAPPINGS = ROOT / "mappings"


def _strict(a, b) -> bool:
    """Equal data with equal types all the way down (1 == 1.0 == True would hide a loader difference)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_strict(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_strict(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_the_c_loader_reads_every_mapping_file_as_the_python_loader_does():
    files = sorted(MAPPINGS.rglob("*.yaml"))
    assert len(files) > 20
    assert yamlload.SafeLoader is yaml.CSafeLoader
    differ = [str(f.relative_to(ROOT)) for f in files
              if not _strict(yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), yamlload.load_file(f))]
    assert differ == []
