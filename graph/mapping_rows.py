"""The logical source of the mappings: records (graph/records.py) as flat rows, column name -> value or list.

One function per source of ``mappings/rdf/*.yaml``: ``fact``, ``period``/``instant``, ``entity``, ``document``/``turn``,
``category``, ``product_market``, ``group`` and ``candidate``. IRI columns come from graph/iris.py (the one IRI
policy). Rows tolerate what the extraction may add: a qualifier the maps do not name goes to ``qualifiers_other``
(``mg:qualifier "key=value"``), a new optional Fact field is ignored unless a column below reads it.
"""
from __future__ import annotations

import hashlib
import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Optional, Protocol

from rdflib import XSD, Literal, URIRef

from .curies import MappingError, expand
from .gazetteer import Gazetteer
from .iris import MG, Iris, slugify
from .metricheads import minted_label
from .records import Document, EntityRef, Evidence, Fact, Period

log = logging.getLogger(__name__)

Row = dict[str, Any]
Tables = dict[str, dict[str, str]]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_ISO_YEAR = re.compile(r"^\d{4}$")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
# qualifiers read into columns of their own (mappings/README.md); their lookup table, if any
LOOKED_UP = {"modality": "modalities", "accounting": "accounting", "subject_how": "subject_resolutions"}
COMPOSITE_SUBJECTS = ("market", "group")    # EntityRef kinds whose facts are market totals / combined figures


def decimal_lexical(value: Any) -> str:
    """A valid xsd:decimal lexical form (no exponent): Decimal('5.35E+10') -> '53500000000'."""
    try:
        d = Decimal(str(value))
    except InvalidOperation as exc:
        raise MappingError(f"not a decimal: {value!r}") from exc
    if not d.is_finite():
        raise MappingError(f"not a finite decimal: {value!r}")
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


def date_literal(text: str) -> Optional[Literal]:
    if _ISO_DAY.match(text):
        return Literal(text, datatype=XSD.date)
    if _ISO_MONTH.match(text):
        return Literal(text, datatype=XSD.gYearMonth)
    if _ISO_YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    return None


def source_file_iri(iris: Iris, source_file: str) -> URIRef:
    return iris.entity("source", slugify(source_file))


def entity_iri(iris: Iris, ref: EntityRef) -> URIRef:
    return iris.entity(ref.kind, ref.key)


def class_iri(name: str) -> URIRef:
    return expand(name) if ":" in name else expand(f"mg:{name}")


# ------------------------------------------------------------------------------------------ categories, groups


def category_label(name: str) -> str:
    """An ontology class name as words: 'SmartWatch' -> 'smart watch', 'TVBox' -> 'TV box'."""
    words = _CAMEL.findall(name.rsplit(":", 1)[-1]) or [name]
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


def category_iri(iris: Iris, name: str) -> URIRef:
    return iris.entity("category", slugify(category_label(name)))


_CLASS_NAME = re.compile(r"^(?:\w+:)?[A-Z][A-Za-z0-9]*$")


def category_row(iris: Iris, name: str, words: Iterable[str] = ()) -> Row:
    """A product category: named by a word of ``words`` (the keys of the lookup table ``category_classes`` of
    mappings/rdf/entity.yaml: "smart speakers", "PCs"; the table gives its class) or by an ontology class local name
    ("SmartWatch": its class is that class). Any other name gets no class here (the lookup warns once)."""
    is_class = name not in set(words) and bool(_CLASS_NAME.match(name))
    return {"category_iri": category_iri(iris, name), "label": category_label(name),
            "class_iri": class_iri(name) if is_class else None, "class_word": None if is_class else name}


def is_region_market(ref: EntityRef) -> bool:
    """A market subject that is a geography (a region or country): a figure with a product category is then about
    that region's market for the category. A subject the extractor already composed of a place and a category
    (types ``Market``: "Western Europe smartphones market") is that product market itself and is not wrapped again."""
    return ref.kind == "market" and "Market" not in ref.types


def product_market(iris: Iris, region: EntityRef, category: str) -> tuple[URIRef, str, Row]:
    """The market for one category in one region (subject of a market total): IRI, label, row."""
    label = f"{region.label} {category_label(category)} market"
    iri = iris.entity("market", f"{region.key}-{slugify(category_label(category))}")
    return iri, label, {"market_iri": iri, "label": label, "region_iri": entity_iri(iris, region),
                        "category_iri": category_iri(iris, category), "kind": "market"}


def group_members(fact: Fact) -> list[str]:
    """Member keys of a group subject: ``EntityRef.members`` when the record has it, else qualifier ``members``
    (entity keys, comma-separated)."""
    keys = list(getattr(fact.subject, "members", ()) or ())
    if not keys:
        keys = [k.strip() for k in (qualifier(fact, "members") or "").split(",")]
    return [k for k in keys if k]


def group_row(iris: Iris, ref: EntityRef, members: list[str], gazetteer: Gazetteer) -> Row:
    """A group of organisations a combined figure is stated for, with its members' IRIs."""
    iris_of = []
    for key in members:
        if key:
            entry = gazetteer.get(key)
            iris_of.append(iris.entity(entry.kind if entry else "organisation", key))
    return {"group_iri": entity_iri(iris, ref), "label": ref.label, "member_iris": iris_of, "kind": ref.kind}


# ------------------------------------------------------------------------------------------ facts


def qualifier(fact: Fact, key: str) -> Optional[str]:
    """A qualifier of the fact, or the Fact field of that name when the record has one (records may gain fields)."""
    value = fact.qualifier(key)
    if value is None:
        attr = getattr(fact, key, None)
        value = None if attr is None or callable(attr) else str(attr)
    return value.strip() if isinstance(value, str) and value.strip() else None


def table_key(value: str) -> str:
    """How lookup keys are written in the tables: lower case, words joined by '-' ('Non GAAP' -> 'non-gaap')."""
    return re.sub(r"[\s_]+", "-", value.strip().lower())


def _looked_up(fact: Fact, key: str, tables: Tables, other: list[str]) -> list[str]:
    """Table keys of a qualifier's values; a value the table lacks stays as text (mg:qualifier), never lost."""
    raw = qualifier(fact, key)
    if raw is None:
        return []
    table = tables.get(LOOKED_UP[key], {})
    out = []
    for part in (raw.split(",") if key == "accounting" else [raw]):
        k = table_key(part)
        if k in table:
            out.append(k)
        elif k:
            log.warning("qualifier %s=%r has no entry in table %r (mappings/rdf/fact.yaml); kept as mg:qualifier",
                        key, part, LOOKED_UP[key])
            other.append(f"{key}={part.strip()}")
    return out


def _decimal(fact: Fact, key: str, other: list[str]) -> Optional[str]:
    raw = qualifier(fact, key)
    if raw is None:
        return None
    try:
        return decimal_lexical(raw.replace(",", ""))
    except MappingError:
        other.append(f"{key}={raw}")
        return None


def fact_row(fact: Fact, gazetteer: Gazetteer, iris: Iris, mapped_qualifiers: set[str],
             tables: Optional[Tables] = None) -> Row:
    """The logical-source row of one fact (columns listed in mappings/README.md)."""
    tables = tables or {}
    f_iri = iris.fact(fact.fact_id)
    ev_iri = iris.entity("evidence", fact.fact_id)
    row: Row = {
        "fact_iri": f_iri, "kind": fact.kind, "doc_id": fact.doc_id, "document_iri": iris.document(fact.doc_id),
        "evidence_iri": ev_iri, "target_iri": URIRef(f"{ev_iri}#target"),
        "quote_selector_iri": URIRef(f"{ev_iri}#quote"), "position_selector_iri": URIRef(f"{ev_iri}#position"),
        "source_file": fact.evidence.source_file, "source_file_iri": source_file_iri(iris, fact.evidence.source_file),
        "quote": fact.evidence.quote, "start": fact.evidence.start, "end": fact.evidence.end,
        "subject_iri": entity_iri(iris, fact.subject), "subject_label": fact.subject.label,
        "subject_kind": fact.subject.kind if fact.subject.kind in COMPOSITE_SUBJECTS else None,
        "metric_iri": iris.metric(fact.metric) if fact.metric else None,
        "metric_label": minted_label(fact, gazetteer),
        # an absolute change of a counted measure with no counted noun ("cut headcount by 140") counts plain numbers
        "unit": fact.unit or ("count" if fact.kind == "change" and isinstance(fact.value, Decimal) else None),
        "basis": fact.basis, "hedge": fact.hedge,
        "currency": fact.unit if fact.unit and re.match(r"^[A-Z]{3}$", fact.unit) else None,
    }
    for name, ref in (("market", fact.market), ("source", fact.source), ("object", fact.object)):
        row[f"{name}_iri"] = entity_iri(iris, ref) if ref else None
        row[f"{name}_label"] = ref.label if ref else None
    if fact.market is not None and fact.market.kind == "segment":   # a segment is never a market
        row["segment_iri"], row["market_iri"] = row["market_iri"], None   # the label still says where
    if fact.period:
        row["period_iri"], row["period_label"] = iris.period(fact.period.label), fact.period.label
    _value_columns(fact, row)
    other: list[str] = []
    for key in LOOKED_UP:
        row[key] = _looked_up(fact, key, tables, other)
    row["low_decimal"], row["high_decimal"] = _decimal(fact, "low", other), _decimal(fact, "high", other)
    row["confidence_decimal"] = _decimal(fact, "confidence", other)
    category = qualifier(fact, "category")
    if category and is_region_market(fact.subject):
        row["subject_iri"], row["subject_label"], _ = product_market(iris, fact.subject, category)
    elif category:
        row["category_iri"] = category_iri(iris, category)
    row["cross_check"] = qualifier(fact, "cross_check")
    own = {"modality", "accounting", "subject_how", "low", "high", "confidence", "category", "members",
           "fiscal_label", "cross_check", "cross_check_with"}
    for k, v in fact.qualifiers:
        col = f"q_{k}"
        if k in own:
            continue
        if col in mapped_qualifiers and col not in row:
            row[col] = v
        else:
            other.append(f"{k}={v}")
    row["qualifiers_other"] = other
    return row


SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def display_number(lex: str) -> str:
    """A value for labels as a reader writes it: 12400000000 -> '12.4 billion' (the RDF value stays exact)."""
    d = Decimal(lex)
    for scale, word in SCALES:
        if abs(d) >= scale:
            return f"{format((d / scale).normalize(), 'f')} {word}"
    return lex


def _value_columns(fact: Fact, row: Row) -> None:
    value = fact.value
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        lex = decimal_lexical(value)
        row["value_decimal"] = lex
        row["value_display"] = display_number(lex)
        if Decimal(lex) == Decimal(lex).to_integral_value():
            row["value_integer"] = int(Decimal(lex))
    elif isinstance(value, str) and value.strip():
        lit = date_literal(value.strip())
        if lit is not None:
            row["value_date"] = lit
        else:
            row["value_text"] = value.strip()
        row["value_display"] = value.strip()


def fact_context_rows(fact: Fact, gazetteer: Gazetteer, iris: Iris,
                      category_words: Iterable[str] = ()) -> list[tuple[str, Row]]:
    """Descriptions a fact's qualifiers call for: its product category, the product market or the group it is about."""
    out: list[tuple[str, Row]] = []
    category = qualifier(fact, "category")
    if category:
        out.append(("category", category_row(iris, category, category_words)))
        if is_region_market(fact.subject):
            out.append(("product_market", product_market(iris, fact.subject, category)[2]))
    members = group_members(fact)
    if fact.subject.kind == "group" and members:
        out.append(("group", group_row(iris, fact.subject, members, gazetteer)))
    return out


def member_rows(fact: Fact, gazetteer: Gazetteer, iris: Iris, described: set[tuple[str, str]]) -> list[Row]:
    """Entity rows for the members of a group subject that neither the gazetteer nor another fact of the document
    describes (a company found in the text only inside "A and B's combined share"): each is an organisation,
    labelled from the group's label ("A + B") when it lists one name per member, else from its key."""
    members = group_members(fact) if fact.subject.kind == "group" else []
    names = [n.strip() for n in fact.subject.label.split(" + ")]
    out = []
    for i, key in enumerate(members):
        entry = gazetteer.get(key)
        kind = entry.kind if entry is not None else "organisation"
        if entry is not None or (kind, key) in described:
            continue
        described.add((kind, key))
        label = names[i] if len(names) == len(members) and names[i] else key.replace("-", " ").title()
        out.append(entity_row(key, kind, label, ("Company",), (), iris))
    return out


def link_cross_checks(facts: list[Fact], rows: list[Row]) -> None:
    """Facts of one document that share a ``cross_check_with`` key contradict each other: each row names the others
    (``conflicts_iris``) and is flagged (``conflict_class_iri``)."""
    groups: dict[str, list[Row]] = {}
    for fact, row in zip(facts, rows):
        key = qualifier(fact, "cross_check_with")
        if key:
            groups.setdefault(key, []).append(row)
    for members in groups.values():
        if len(members) < 2:
            continue
        for row in members:
            row["conflicts_iris"] = [r["fact_iri"] for r in members if r is not row]
            row["conflict_class_iri"] = MG.ConflictingFact
            row["cross_check"] = row.get("cross_check") or "cross_check"


# ------------------------------------------------------------------------------------------ periods, entities, documents


def period_rows(period: Period, iris: Iris, fiscal_labels: Iterable[str] = ()) -> list[tuple[str, Row]]:
    """A period and its instants; its fiscal label from ``Period.fiscal_label`` (when the record has the field) or
    from the facts' qualifier ``fiscal_label``."""
    labels = set(fiscal_labels) | ({period.fiscal_label} if getattr(period, "fiscal_label", None) else set())
    row: Row = {"period_iri": iris.period(period.label), "label": period.label, "kind": period.kind,
                "fiscal_labels": sorted(labels)}
    out: list[tuple[str, Row]] = [("period", row)]
    if period.kind == "instant":
        day = period.start or period.end
        if day:
            row["instant_date"] = day.isoformat()
        return out
    for col, day in (("start", period.start), ("end", period.end)):
        if day is None:
            continue
        row[col] = day.isoformat()
        inst = iris.entity("instant", day.isoformat())
        row["beginning_iri" if col == "start" else "end_iri"] = inst
        out.append(("instant", {"instant_iri": inst, "date": day.isoformat()}))
    return out


def entity_row(key: str, kind: str, label: str, types: Iterable[str], aliases: Iterable[str], iris: Iris,
               owner: Optional[str] = None, gazetteer: Optional[Gazetteer] = None,
               class_kind: Optional[str] = None) -> Row:
    """An entity; ``owner`` (``EntityRef.owner`` when the record has it) is the key of the organisation a segment
    belongs to (``mg:segmentOf``) or that owns a platform or product (``mg:owner``). ``class_kind`` picks the class
    (table ``kinds`` of mappings/rdf/entity.yaml) when it differs from the IRI's kind (a group without named members
    is an ``unnamed_group``)."""
    row: Row = {"entity_iri": iris.entity(kind, key), "key": key, "kind": kind, "class_kind": class_kind or kind,
                "label": label, "type_iris": [class_iri(t) for t in types],
                "aliases": [a for a in aliases if a != label]}
    if owner:
        entry = gazetteer.get(owner) if gazetteer is not None else None
        owner_iri = iris.entity(entry.kind if entry else "organisation", owner)
        row["segment_of_iri" if kind == "segment" else "owner_iri"] = owner_iri
    return row


def document_rows(doc: Document, iris: Iris) -> list[tuple[str, Row]]:
    d_iri = iris.document(doc.doc_id)
    sf_iri = source_file_iri(iris, doc.source_file)
    turns = [(iris.entity("turn", f"{doc.doc_id}-{i}"), i, t) for i, t in enumerate(doc.turns)]
    row: Row = {"document_iri": d_iri, "doc_id": doc.doc_id, "title": doc.title, "genre": doc.genre,
                "date": (date_literal(doc.date) or doc.date) if doc.date else None, "publisher": doc.publisher,
                "issuer_iri": entity_iri(iris, doc.issuer) if doc.issuer else None,
                "period_iri": iris.period(doc.period.label) if doc.period else None,
                "source_file": doc.source_file, "source_file_iri": sf_iri, "start": doc.start, "end": doc.end,
                "corpus": doc.corpus, "turn_iris": [t[0] for t in turns]}
    out: list[tuple[str, Row]] = [("document", row)]
    for iri, i, t in turns:
        out.append(("turn", {"turn_iri": iri, "index": i, "speaker": t.speaker, "role": t.role,
                             "firm": t.firm, "start": t.start, "end": t.end, "source_file_iri": sf_iri}))
    return out


# ------------------------------------------------------------------------------------------ unresolved candidates


class Candidate(Protocol):
    """What the extraction reports for a statement it could not publish: its evidence and why (duck-typed, so the
    record can live in graph/records.py under any name). ``kind`` is optional."""

    evidence: Evidence
    reason: str


def candidate_rows(doc: Document, candidates: Iterable[Candidate], iris: Iris) -> list[tuple[str, Row]]:
    out = []
    for c in candidates:
        ev = c.evidence
        ident = hashlib.sha1(f"{doc.doc_id}\x1f{ev.start}\x1f{ev.end}\x1f{c.reason}".encode("utf-8")).hexdigest()[:16]
        out.append(("candidate", {"candidate_iri": iris.entity("candidate", ident),
                                  "document_iri": iris.document(doc.doc_id), "quote": ev.quote,
                                  "start": ev.start, "end": ev.end, "reason": c.reason,
                                  "kind": getattr(c, "kind", None) or None}))
    return out
