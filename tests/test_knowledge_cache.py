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


# ------------------------------------------------------------------------------ the knowledge cache on disk

import shutil  # noqa: E402

from marketgraph.graph import segment  # noqa: E402
from marketgraph.graph.extract import pipeline  # noqa: E402
from marketgraph.graph.extract.patterns import Patterns, load_patterns  # noqa: E402
from marketgraph.graph.knowledgecache import KnowledgeCache  # noqa: E402
from marketgraph.graph.paths import ProjectPaths  # noqa: E402
from marketgraph.graph.versions import Versions  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    """A project root of its own (a copy of mappings/), so a test can edit a mapping file."""
    shutil.copytree(MAPPINGS, tmp_path / "root" / "mappings")
    shutil.copytree(ROOT / "ontology", tmp_path / "root" / "ontology")
    return ProjectPaths(tmp_path / "root")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every compilation of the segmentation rules and every parse of the patterns folder, by name."""
    calls: list[str] = []
    rules_from, patterns = segment._rules_from, pipeline.load_patterns

    def counted_rules(*args, **kw):
        calls.append("segmentation")
        return rules_from(*args, **kw)

    def counted_patterns(folder):
        calls.append("patterns")
        return patterns(folder)

    monkeypatch.setattr(segment, "_rules_from", counted_rules)
    monkeypatch.setattr(pipeline, "load_patterns", counted_patterns)
    return calls


def _cache(paths: ProjectPaths, tmp_path: Path) -> KnowledgeCache:
    return KnowledgeCache(tmp_path / "cache", Versions.of(paths).rules)


def _engine_patterns(paths: ProjectPaths, cache: KnowledgeCache) -> Patterns:
    pipeline._ENGINES.clear()   # engine_for keeps one engine per process; these tests want the loading
    try:
        return pipeline.engine_for(object(), paths, cache).patterns   # type: ignore[arg-type]
    finally:
        pipeline._ENGINES.clear()


def test_the_second_load_comes_from_the_cache_and_equals_a_load_without_it(project, tmp_path, builds):
    cache = _cache(project, tmp_path)
    first = segment.load_rules(project, cache=cache)
    again = segment.load_rules(project, cache=KnowledgeCache(cache.directory, cache.rules))
    assert builds == ["segmentation"]                     # compiled once; the second came from the file
    assert again == segment.load_rules(project) == first  # a re.Pattern equals another only with the same code
    assert [c.name for c in again.chrome] == [c.name for c in first.chrome] and len(again.chrome) > 5
    assert again.context.dateline[0].pattern == first.context.dateline[0].pattern
    assert again.context.dateline[0].groupindex == first.context.dateline[0].groupindex

    assert _engine_patterns(project, cache).files == _engine_patterns(project, cache).files \
        == load_patterns(project.mappings / "patterns").files
    assert builds == ["segmentation", "segmentation", "patterns"]   # the uncached load_rules above; patterns once
    assert sorted(p.name.split("-")[0] for p in cache.directory.iterdir()) == ["patterns", "segmentation"]


def test_a_changed_mapping_file_is_compiled_again_and_its_change_is_seen(project, tmp_path, builds):
    segment.load_rules(project, cache=_cache(project, tmp_path))
    seg = project.mappings / "segmentation.yaml"
    seg.write_text(seg.read_text(encoding="utf-8").replace("slug_words: 4", "slug_words: 7"), encoding="utf-8")
    rules = segment.load_rules(project, cache=_cache(project, tmp_path))
    assert builds == ["segmentation", "segmentation"]
    assert rules.context.slug_words == 7
    assert len(list((tmp_path / "cache").glob("segmentation-*.pickle"))) == 1   # the old one is removed

    _engine_patterns(project, _cache(project, tmp_path))
    cues = project.mappings / "patterns" / "cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8") + "\nzz_test_key: [zz word]\n", encoding="utf-8")
    patterns = _engine_patterns(project, _cache(project, tmp_path))
    assert builds.count("patterns") == 2
    assert patterns["cues"]["zz_test_key"] == ["zz word"]


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "not a cache"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(project, tmp_path, builds, damage):
    cache = _cache(project, tmp_path)
    good = segment.load_rules(project, cache=cache)
    path = cache.path("segmentation")
    data = path.read_bytes()
    path.write_bytes({"flip a byte": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
                      "truncate": data[: len(data) // 2], "empty": b"",
                      "not a cache": b"segmentation: {}\n"}[damage])
    again = segment.load_rules(project, cache=cache)
    assert builds == ["segmentation", "segmentation"]
    assert again == good
    assert segment.load_rules(project, cache=cache) == good   # rewritten whole: read, not compiled, next time
    assert builds == ["segmentation", "segmentation"]


def test_a_cache_of_another_type_is_not_trusted(project, tmp_path, builds):
    cache = _cache(project, tmp_path)
    cache.get("segmentation", lambda: {"not": "rules"}, dict)   # a well-formed file holding the wrong thing
    rules = segment.load_rules(project, cache=cache)
    assert builds == ["segmentation"]
    assert isinstance(rules, segment.SegmentationRules)


# an invented launch note and an invented deal, besides the invented results releases of ingest_support
LAUNCH = """Marvento launches the Orla X5 smartphone in Europe

Northton, June 3, 2021 -- Marvento Devices Ltd today launched the Orla X5, its first phone with a 6.7-inch display,
at EUR 499. The Orla X5 goes on sale in Germany and France on June 10, 2021.
"""
DEAL = """Quillfeather to buy Lumbrex for $1.2 billion

Northton, July 1, 2021 -- Quillfeather Devices Ltd agreed to acquire Lumbrex Sensors Inc. for $1.2 billion in
cash. Quillfeather's revenue rose 12% to $3.4 billion in the quarter ended June 30, 2021.
"""


def test_an_engine_from_the_cache_extracts_what_a_fresh_one_does(tmp_path, monkeypatch):
    from ingest_support import press_release
    from marketgraph.graph.extract.context import Engine
    from marketgraph.graph.resources import knowledge
    from marketgraph.graph.segmenting import _documents_for_file
    from marketgraph.graph.settings import Settings

    paths = ProjectPaths(ROOT)
    versions = Versions.of(paths)
    cache = KnowledgeCache(tmp_path / "cache", versions.rules)
    gazetteer = knowledge(paths, versions).gazetteer
    settings = Settings(store=tmp_path / "store", knowledge_cache=tmp_path / "cache")
    docs = [(d, text) for text in (press_release(3), press_release(8, "Marvento Devices Ltd"), LAUNCH, DEAL)
            for d in _documents_for_file(settings, versions, Path("note.txt"), text)]
    fresh = Engine.load(gazetteer, paths.mappings / "patterns")
    want = [pipeline.extract_document(d, t, gazetteer, paths=paths, engine=fresh).facts for d, t in docs]
    pipeline.save_engine(fresh, cache)

    monkeypatch.setattr(pipeline, "_ENGINES", {})
    cached = pipeline.engine_for(gazetteer, paths, cache)
    assert cached is not fresh and cached.gazetteer is gazetteer
    assert set(cached.__dict__) == set(fresh.__dict__) and "_deal_grammar" in cached.__dict__   # not rebuilt
    got = [pipeline.extract_document(d, t, gazetteer, paths=paths, engine=cached).facts for d, t in docs]
    assert got == want
    assert sum(len(f) for f in want) >= 8 and {f.kind for fs in want for f in fs} >= {"metric", "change"}


def test_the_gazetteer_is_written_as_a_reference_and_read_back_as_this_process_s_own(tmp_path):
    cache = KnowledgeCache(tmp_path / "cache", "r")
    written, mine = Patterns({"cues": {"a": ["b"]}}), Patterns({"cues": {"c": ["d"]}})
    cache.put("engine", {"patterns": Patterns(), "grammar": [written]}, {"gazetteer": written})
    assert cache.read("engine", dict, {"gazetteer": mine})["grammar"][0] is mine
    assert cache.read("engine", dict, {}) is None   # a reference this process cannot fill: not used, not guessed


def test_writing_patterns_read_from_a_cache_file_again_parses_only_the_new_ones(monkeypatch):
    """A save writes every expression of the process; those read from a file already carry their compiled code, so
    writing them again must not parse them again (it cost ~3 ms each: seconds for a build's 1,500 expressions)."""
    import re as re_module
    from re import _parser   # type: ignore[attr-defined]

    from marketgraph.graph.knowledgecache import dumps, loads
    old = [re_module.compile(rf"(?P<w>known{i})\s+(\d+)\b", re_module.IGNORECASE) for i in range(30)]
    again = loads(dumps(old))
    assert [p.pattern for p in again] == [p.pattern for p in old] and again[3].match("KNOWN3 42").group("w") == "KNOWN3"
    parsed: list[str] = []
    real_parse = _parser.parse

    def counting(pattern, *args, **kwargs):
        parsed.append(pattern)
        return real_parse(pattern, *args, **kwargs)

    fresh = re_module.compile(r"brand-new-(\d{3})")
    monkeypatch.setattr(_parser, "parse", counting)
    back = loads(dumps([*again, fresh]))
    assert parsed.count(fresh.pattern) == 1
    assert not any(p.startswith("(?P<w>known") for p in parsed)
    assert back[-1].match("brand-new-123").group(1) == "123" and back[0].match("known0 7").groups() == ("known0", "7")
