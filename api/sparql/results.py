"""Writing query results: solutions (JSON, XML, CSV, TSV), booleans, and triples (pyoxigraph's RDF writers).

Results are cut at a row cap; the caller learns whether they were cut.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
from typing import Iterable, Optional
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .negotiation import Format

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG,
}


def take(items: Iterable, cap: int) -> tuple[list, bool]:
    """At most ``cap`` items, and whether there were more."""
    rows = list(itertools.islice(iter(items), cap + 1))
    return rows[:cap], len(rows) > cap


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    raise TypeError(f"unexpected term {t!r}")


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


XSD = "http://www.w3.org/2001/XMLSchema#"
BARE_IN_TSV = {XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean"}


def _tsv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.Literal) and t.datatype.value in BARE_IN_TSV and "\t" not in t.value and t.value:
        return t.value
    return str(t)  # N-Triples form: <iri>, _:b, "x", "x"@en, "1"^^<dt>


def write_solutions(variables: list[str], rows: list[ox.QuerySolution], fmt: Format) -> bytes:
    if fmt.key == "json":
        bindings = []
        for sol in rows:
            b = {}
            for v in variables:
                t = sol[v]
                if t is not None:
                    b[v] = _json_term(t)
            bindings.append(b)
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt.key == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for sol in rows:
            out.append("<result>")
            for v in variables:
                t = sol[v]
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt.key == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for sol in rows:
            w.writerow([_csv_term(sol[v]) for v in variables])
        return buf.getvalue().encode("utf-8")
    if fmt.key == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(sol[v]) for v in variables) for sol in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a results format: {fmt.key}")


def write_boolean(value: bool, fmt: Format) -> bytes:
    word = "true" if value else "false"
    if fmt.key == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.key == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{word}</boolean></sparql>\n").encode("utf-8")
    if fmt.key == "csv":
        return f"_askResult\r\n{word}\r\n".encode("utf-8")
    return f"?_askResult\n{word}\n".encode("utf-8")


def write_triples(triples: list[ox.Triple], fmt: Format, prefixes: Optional[dict[str, str]] = None) -> bytes:
    rdf_format = RDF_FORMATS[fmt.key]
    pfx = prefixes if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    if rdf_format == ox.RdfFormat.TRIG:
        items: Iterable = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    else:
        items = triples
    out = ox.serialize(items, format=rdf_format, prefixes=pfx) if pfx else ox.serialize(items, format=rdf_format)
    return out or b""
