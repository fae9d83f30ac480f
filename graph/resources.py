"""What every document of a build needs, loaded once per process: gazetteer, ontology, rule tables, shapes, the
materialised entity graph and its validation index, segmentation rules.

Keyed by the project folder and the versions of its rules and shapes (graph/versions.py: a digest of the files),
so a long-running process (the server's POST /documents) sees an edited gazetteer, and tests with other folders
get their own. A worker process forked from a parent that loaded them inherits them (copy-on-write) instead of
parsing the YAML and Turtle again.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rdflib import Graph

from .gazetteer import Gazetteer, load_gazetteer
from .iris import Iris
from .knowledgecache import KnowledgeCache
from .paths import ProjectPaths
from .reason import Rules, materialise_in_place, rules_from
from .validate import EntityContext, load_ontology, load_shapes
from .versions import Versions


@dataclass(frozen=True)
class Knowledge:
    gazetteer: Gazetteer
    ontology: Graph
    rules: Rules
    shapes: Graph


@lru_cache(maxsize=4)
def _knowledge(root: Path, versions: Versions) -> Knowledge:
    paths = ProjectPaths(root)
    ontology = load_ontology(paths)
    return Knowledge(load_gazetteer(paths.gazetteer), ontology, rules_from(ontology), load_shapes(paths))


def knowledge(paths: ProjectPaths, versions: Versions) -> Knowledge:
    """Gazetteer, ontology (with its rule tables) and shapes of ``paths`` at ``versions``, loaded once."""
    return _knowledge(paths.root, versions)


@lru_cache(maxsize=4)
def _entities(root: Path, versions: Versions, base_iri: str) -> tuple[Graph, EntityContext]:
    from .mapper import map_entities

    k = _knowledge(root, versions)
    graph = materialise_in_place(map_entities(k.gazetteer, Iris(base_iri)), k.rules)
    return graph, EntityContext(graph, k.shapes)


def entity_graph(paths: ProjectPaths, versions: Versions, base_iri: str) -> Graph:
    """The gazetteer's entities mapped and materialised (the entities graph), once. Callers must not change it."""
    return _entities(paths.root, versions, base_iri)[0]


def entity_context(paths: ProjectPaths, versions: Versions, base_iri: str) -> EntityContext:
    """The entities graph indexed for validating one document's graph at a time."""
    return _entities(paths.root, versions, base_iri)[1]


@lru_cache(maxsize=4)
def _segmentation(root: Path, versions: Versions, cache: Optional[KnowledgeCache]):
    from .segment import load_rules

    paths = ProjectPaths(root)
    return load_rules(paths, _knowledge(root, versions).gazetteer if paths.gazetteer.is_dir() else None, cache=cache)


def segmentation_rules(paths: ProjectPaths, versions: Versions, cache: Optional[KnowledgeCache] = None):
    """mappings/segmentation.yaml and docmodel.yaml compiled with the gazetteer, once (through ``cache``, the
    knowledge cache on disk, when given)."""
    return _segmentation(paths.root, versions, cache)


@lru_cache(maxsize=4)
def _checker(root: Path, versions: Versions):
    from .shacl_fast import Checker, Unsupported, compile_shapes

    try:
        return Checker(compile_shapes(_knowledge(root, versions).shapes))
    except Unsupported:
        return None   # shapes the fast check does not implement: pySHACL alone


def shape_checker(paths: ProjectPaths, versions: Versions):
    """The fast SHACL check compiled from the shapes (graph/shacl_fast.py), or None when they use a constraint it
    does not implement."""
    return _checker(paths.root, versions)
