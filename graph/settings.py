"""The one typed settings object. Filled from command-line options and MARKETGRAPH_* environment variables.

No other module reads the environment: everything that can be configured is a field here, and every field is
documented in the README (a test checks that).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .paths import ProjectPaths, project_root


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MARKETGRAPH_", extra="ignore")

    store: Path = Field(default_factory=lambda: project_root() / "var" / "store",
                        description="Directory of the embedded Oxigraph store.")
    base_iri: str = Field(default="http://localhost:8000",
                          description="Base of instance IRIs ({base}/id/{kind}/{slug}); the server answers for it.")
    corpus: str = Field(default="seeds", description="Corpora to build, comma-separated: seeds, dev, or all.")
    host: str = Field(default="127.0.0.1", description="Address `marketgraph serve` listens on.")
    port: int = Field(default=8000, description="Port `marketgraph serve` listens on.")
    query_timeout: float = Field(default=30.0, description="Seconds a SPARQL query may run before it is stopped.")
    max_rows: int = Field(default=10000, description="Most result rows returned; a header says when results were cut.")
    max_query_bytes: int = Field(default=65536, description="Largest accepted query text in bytes (413 above).")
    max_query_depth: int = Field(default=32, description="Deepest nesting of brackets a query may have (400 above).")
    max_query_patterns: int = Field(default=256, description="Most triple patterns a query may have (400 above).")
    query_workers: int = Field(default=2, description="Worker processes of the quick lane (queries anchored on a "
                                                      "constant; each can be stopped).")
    slow_query_workers: int = Field(default=2, description="Worker processes of the slow lane (unanchored queries "
                                                           "and those that overran the quick budget), run at a lower "
                                                           "CPU priority.")
    quick_query_budget: float = Field(default=1.0, description="Seconds a query may run in the quick lane before it "
                                                               "moves to the slow lane.")
    query_queue_wait: float = Field(default=2.0, description="Seconds a query waits for a free worker before a 503 "
                                                             "with Retry-After.")
    query_client_limit: int = Field(default=16, description="SPARQL requests one client address may have in flight "
                                                            "(429 above).")
    query_sandbox: bool = Field(default=True, description="Run query workers in an empty network namespace (no "
                                                          "connection possible even if the guard were wrong).")
    slow_queries_per_client: int = Field(default=1, description="Slow-lane queries one client address may have in "
                                                                "flight (429 above).")
    update_enabled: bool = Field(default=False, description="Allow SPARQL Update (still needs the bearer token).")
    update_token: Optional[SecretStr] = Field(default=None, description="Bearer token required for SPARQL Update.")
    sparql_fast_path: bool = Field(default=True, description="Answer GET/POST /sparql in a plain ASGI layer in front "
                                                             "of FastAPI's routing (same answers; false: the route "
                                                             "answers every request).")
    cors_origins: str = Field(default="", description="Comma-separated origins allowed by CORS; empty for none, * for all.")
    remote_query_url: Optional[str] = Field(default=None,
                                            description="SPARQL 1.1 query endpoint of a remote store instead of the embedded one.")
    remote_update_url: Optional[str] = Field(default=None, description="SPARQL 1.1 update endpoint of the remote store.")
    remote_store_url: Optional[str] = Field(default=None,
                                            description="Graph Store Protocol endpoint of the remote store.")
    extract_workers: int = Field(default=0, ge=0,
                                 description="Processes extracting documents in parallel; 0 for one per core.")
    write_wait: float = Field(default=30.0, ge=0,
                              description="Seconds a build, add or update waits for another writer before it refuses.")
    max_document_bytes: int = Field(default=10 * 1024 * 1024, gt=0,
                                    description="Largest file `add` and POST /documents accept (413 above).")
    knowledge_cache: Optional[Path] = Field(default=None,
                                            description="Directory of the compiled-knowledge cache (segmentation "
                                                        "rules, extraction patterns and grammars); unset: "
                                                        "<store>.cache.")
    documents_enabled: bool = Field(default=False,
                                    description="Allow POST/DELETE /documents (they still need the update token).")
    data_license: str = Field(default="https://creativecommons.org/licenses/by/4.0/",
                              description="Licence IRI of the served data and ontology (VoID, page descriptions).")
    reconcile_max_queries: int = Field(default=500, description="Most queries in one reconciliation batch (413 above).")
    reconcile_max_limit: int = Field(default=50, description="Largest candidate limit of one reconciliation query (400 above).")
    project_root: Path = Field(default_factory=project_root, description="Checkout holding ontology/, mappings/, queries/, sources/.")

    @field_validator("base_iri")
    @classmethod
    def _strip_slash(cls, v: str) -> str:
        return v.rstrip("/")

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(self.project_root)

    @property
    def knowledge_cache_dir(self) -> Path:
        """Where graph/knowledgecache.py keeps the compiled knowledge (next to the store unless set)."""
        return self.knowledge_cache or self.store.with_name(self.store.name + ".cache")

    @property
    def corpora(self) -> list[str]:
        """The corpus names as given (``all`` kept); graph/build.py resolves them against the registry."""
        return [c.strip() for c in self.corpus.split(",") if c.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]
