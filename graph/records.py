"""Typed records passed between the stages (segment -> extract -> map).

These dataclasses are the contract between the modules: the segmenter makes ``Document``s, the extractor makes
``Fact``s, the mapper turns them into RDF. Offsets are Python ``str`` indices into the *whole source file*
decoded as UTF-8, so ``text[start:end] == quote`` holds for every piece of evidence.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, Optional, Union

if TYPE_CHECKING:
    from .fiscal import FiscalCalendar

Genre = Literal["earnings_call", "results_release", "product_release", "news", "shareholder_letter", "research_note",
                "annual_report", "investment_news"]

FactKind = Literal[
    "metric",        # an observation of a metric (revenue, shipments, MAU, gross margin, ASP ...)
    "change",        # a reported change of a metric (YoY / QoQ), value = signed percent or pp
    "ranking",       # a rank or "top N" of an entity in a market by a measure
    "market_share",  # a market share observation (percent)
    "price",         # a product price (amount, currency, variant, market)
    "spec",          # a product specification (quantitative value or text)
    "count",         # a count of things (companies invested, markets in top 5, SKUs ...)
    "investment",    # an investment, fund size, commitment or book value
    "launch",        # a launch / announcement / pre-order / availability date
    "role",          # a person's role in an organisation
    "qa_turn",       # a question or answer in an earnings-call Q&A
    "event",         # a dated event (award, listing, entry to a list, market entry, record, anniversary)
    "relation",      # an entity-to-entity relation read from text (partner, retailer, carrier, located in, regional version)
    "attribute",     # a qualitative attribute of an entity (positioning, "world's first …", segment, strategy)
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    """The exact quote a fact was read from. ``source_file`` is relative to ``sources/``."""

    source_file: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class EntityRef:
    """An entity mentioned by a fact. ``key`` is a stable slug; ``kind`` is the IRI path segment.

    kinds: organisation, person, product, series, brand, segment, platform, market, fund, event, group.
    ``types`` are ontology class local names (e.g. ("Smartphone", "ConceptPhone")); entities from the gazetteer
    get their full description from it, entities discovered in text carry what is known here. ``owner`` is the
    key of the organisation a segment, platform or product belongs to (when known); a ``group`` (a combined
    figure of several companies) lists its members' keys in ``members``.
    """

    key: str
    kind: str
    label: str
    types: tuple[str, ...] = ()
    owner: Optional[str] = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Period:
    """A reporting period or instant. ``label`` is readable and canonical:
    ``2020-Q2``, ``2020-H1``, ``2020-9M`` (first nine months), ``2019`` (year), ``2020-07`` (month),
    ``2020-06-30`` (a day or instant), ``2021/2025`` (a range of years). A fiscal period of a company whose fiscal
    year is not the calendar year is labelled ``FY2024-Q3`` (``fiscal_label`` "Q3 FY2024"); its ``start`` and
    ``end`` are the calendar dates it covers."""

    label: str
    kind: Literal["quarter", "half", "ninemonths", "year", "month", "day", "instant", "range"]
    start: Optional[date] = None
    end: Optional[date] = None
    fiscal_label: Optional[str] = None   # "Q3 FY2024" when the period is a fiscal one (start/end are calendar dates)


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript: who speaks and the span of what they say."""

    speaker: str
    role: Literal["executive", "analyst", "operator"]
    start: int
    end: int
    firm: Optional[str] = None
    title: Optional[str] = None          # the speaker's job title when the transcript gives it


@dataclass(frozen=True)
class Document:
    """One document segmented out of a source file (a file may bundle several)."""

    doc_id: str                 # slug, unique in the corpus, e.g. "xiaomi-2019-11-27-3q2019-results"
    source_file: str            # relative to sources/, e.g. "seeds/001_6a0d47116308af19.txt"
    start: int                  # span of the document inside the source file
    end: int
    title: str
    genre: Genre
    date: Optional[str] = None  # ISO date of publication
    publisher: Optional[str] = None
    issuer: Optional[EntityRef] = None   # the company the document speaks for or about ("we" resolves to it)
    period: Optional[Period] = None      # fiscal period covered (results and calls)
    chrome: tuple[Span, ...] = ()        # page chrome / boilerplate spans (offsets in the file), not facts
    turns: tuple[Turn, ...] = ()         # transcript speaker turns
    corpus: str = "seeds"
    role: Optional[Literal["first_party", "third_party"]] = None   # does the issuer speak ("we")? None: by genre
    source: Optional[EntityRef] = None   # the research firm a research note's figures come from
    market: Optional[EntityRef] = None   # the geography a research note or market article is about
    category: Optional[str] = None       # its product category ("smartphones")
    fiscal: Optional["FiscalCalendar"] = None   # the issuer's fiscal calendar when it is not the calendar year
    boilerplate: tuple[Span, ...] = ()   # boilerplate spans (About X, forward-looking statements, contacts,
                                         # call logistics), labelled whether or not they are skipped as chrome

    @property
    def speaks_for_issuer(self) -> bool:
        """True when "we" in the document is the issuer (its own release, call, letter or report)."""
        if self.role is not None:
            return self.role == "first_party"
        return self.genre in ("earnings_call", "results_release", "product_release", "shareholder_letter",
                              "annual_report")


Value = Union[Decimal, str, None]


@dataclass(frozen=True)
class Fact:
    """One atomic fact with its evidence. ``value`` is fully scaled (12.4 billion -> 12400000000)."""

    kind: FactKind
    doc_id: str
    subject: EntityRef
    evidence: Evidence
    metric: Optional[str] = None          # metric concept key (mappings/gazetteer/metrics.yaml), e.g. "revenue"
    value: Value = None
    unit: Optional[str] = None            # ISO 4217 code, "percent", "pp", "units", "users", "devices", "MP" ...
    period: Optional[Period] = None
    market: Optional[EntityRef] = None     # geography (and/or product category market)
    source: Optional[EntityRef] = None     # who determined it: ranking body / research firm
    object: Optional[EntityRef] = None     # second entity: organisation of a role, product of a launch, fund ...
    basis: Optional[str] = None            # change: "YoY" | "QoQ" | ...; metric: "IFRS" | "non-IFRS adjusted"
    hedge: Optional[str] = None            # "approximately", "more than", "nearly", "over" ...
    qualifiers: tuple[tuple[str, str], ...] = ()  # ("variant", "Premium Edition"), ("rank_type", "top"), ...

    def qualifier(self, key: str) -> Optional[str]:
        for k, v in self.qualifiers:
            if k == key:
                return v
        return None

    @property
    def fact_id(self) -> str:
        """Deterministic id: the same fact read from the same span gets the same IRI on every build."""
        parts = [self.doc_id, self.kind, self.subject.key, self.metric or "", str(self.value),
                 self.unit or "", self.period.label if self.period else "",
                 self.market.key if self.market else "", self.basis or "",
                 str(self.evidence.start), str(self.evidence.end),
                 "|".join(f"{k}={v}" for k, v in self.qualifiers)]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class ExtractionResult:
    document: Document
    facts: list[Fact] = field(default_factory=list)
    entities: list[EntityRef] = field(default_factory=list)   # entities discovered in text (not in the gazetteer)
    unresolved: list = field(default_factory=list)          # graph.extract.decide.Unresolved: figures not published
