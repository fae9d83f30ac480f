"""The regular-expression warm start (graph/regexwarm.py): what one process compiled, the next finds in ``re``'s
cache, identical in behaviour, and nothing is loaded from a damaged or foreign file.

Each check runs in a fresh interpreter (``re``'s cache is per process, and the tests must not leave this
process's cache changed)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

PATTERNS = [
    (r"(?P<value>\d+(?:\.\d+)?)\s*(?P<scale>million|billion)\b", int(re.IGNORECASE)),
    (r"(?<![\w.])(?:Q[1-4]|[1-4]Q)\s*'?(?P<year>\d{2,4})", 0),
    (r"""(?x) ^ \s* (?P<label>[A-Z][\w ]+?) \s* : \s* (?P<rest>.+) $""", int(re.MULTILINE)),
    (r"\b(?:up|down|rose|fell)\b[^.]{0,40}?(\d+)\s*(?:%|per\s+cent)", int(re.IGNORECASE | re.DOTALL)),
    (r"[\u00a3\u20ac\u00a5$]\s?\d", 0),
] + [(rf"\bword{i}\b(?:\s+\w+){{0,{i % 4}}}", 0) for i in range(80)]

SCRIPT = textwrap.dedent("""
    import json, re, sys
    from pathlib import Path
    from marketgraph.graph.knowledgecache import KnowledgeCache
    from marketgraph.graph.regexwarm import RegexWarmStart

    cache = KnowledgeCache(Path(sys.argv[1]), "rules-v1")
    patterns = json.loads(sys.argv[2])
    samples = json.loads(sys.argv[3])
    warm = RegexWarmStart.start(cache)
    already = sum(1 for p, f in patterns if (str, p, f) in re._cache)
    results = []
    for p, f in patterns:
        rx = re.compile(p, f)
        results.append([rx.flags, sorted(rx.groupindex.items()), rx.groups,
                        [[m.span(), m.groups()] for s in samples for m in rx.finditer(s)]])
    written = warm.save()
    print(json.dumps({"preloaded": already, "written": written, "results": results}))
""")

SAMPLES = ["Revenue was 12.5 Million in 3Q'24, up 7 per cent; Q4 2023 fell 3%.",
           "Net sales: SEK 1,184 million\nGross margin: 41.2%", "price \u00a3 9 or $5; word3 a b c word17 x"]


def _run(tmp: Path, patterns=PATTERNS) -> dict:
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp), json.dumps(patterns), json.dumps(SAMPLES)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_second_process_finds_the_expressions_compiled_and_they_behave_the_same(tmp_path):
    first = _run(tmp_path)
    assert first["preloaded"] == 0
    assert first["written"] >= len(PATTERNS)            # everything the first process compiled was kept
    second = _run(tmp_path)
    assert second["preloaded"] == len(PATTERNS)         # nothing of these is compiled again
    assert second["written"] == 0                       # and nothing new enough to write again
    assert second["results"] == first["results"]        # same flags, groups and matches as compiled afresh


def test_a_damaged_file_is_ignored_and_written_again(tmp_path):
    _run(tmp_path)
    (cached,) = tmp_path.glob("regexes-*.pickle")
    data = cached.read_bytes()
    cached.write_bytes(data[: len(data) // 2])          # torn: fails the checksum
    again = _run(tmp_path)
    assert again["preloaded"] == 0
    assert again["written"] >= len(PATTERNS)
    assert _run(tmp_path)["preloaded"] == len(PATTERNS)


def test_another_rules_version_does_not_read_the_file(tmp_path):
    _run(tmp_path)
    script = SCRIPT.replace('"rules-v1"', '"rules-v2"')
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path), json.dumps(PATTERNS), json.dumps(SAMPLES)],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["preloaded"] == 0


def test_a_few_new_expressions_do_not_rewrite_the_file(tmp_path):
    _run(tmp_path)
    (cached,) = tmp_path.glob("regexes-*.pickle")
    before = cached.stat().st_mtime_ns, cached.read_bytes()
    more = PATTERNS + [(r"\bone more (\d+)\b", 0), (r"\banother (\w+)", int(re.IGNORECASE))]
    res = _run(tmp_path, more)
    assert res["preloaded"] == len(PATTERNS) and res["written"] == 0
    assert (cached.stat().st_mtime_ns, cached.read_bytes()) == before
