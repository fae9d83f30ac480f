"""A seeded generator that scales the graph's shapes (documents, facts with evidence, periods, entities, markets
with part-of chains, metrics) to a given number of triples, written as N-Quads and loaded into an Oxigraph store.

Shapes follow mappings/rdf/*.yaml: a fact is ``mg:Fact`` + its kind class, subject, metric, value, unit, period,
market, source, document, and an evidence annotation with quote and position selectors (about 22 triples).
Periods are described once, in the shared entities graph: Oxigraph's union default graph is a bag, so a
period described in every document graph would multiply the rows of every query that reads its label (the
current mapper does that; see benchmarks/sparql/RESULTS.md). Names are synthetic (company-17, product-301 ...): nothing here is a fact about the real corpus.
"""
from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

MG = "https://w3id.org/marketgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

KINDS = [("metric", "Observation"), ("change", "Change"), ("ranking", "Ranking"), ("market_share", "MarketShare"),
         ("price", "Price"), ("spec", "Specification"), ("count", "Count"), ("investment", "Investment")]
KIND_WEIGHTS = [30, 12, 12, 6, 8, 20, 6, 6]
METRICS = ["revenue", "adjusted-net-profit", "gross-margin", "shipments", "monthly-active-users", "market-share",
           "average-selling-price", "rd-expenses", "operating-profit", "connected-devices", "camera_resolution",
           "battery_capacity", "charging_power", "display_size", "refresh_rate"]
UNITS = ["CNY", "USD", "EUR", "percent", "units", "users", "MP", "mAh", "W"]


@dataclass(frozen=True)
class Scale:
    companies: int
    products: int
    markets: int
    documents: int
    facts: int


def scale_for(triples: int) -> Scale:
    facts = triples // 21
    return Scale(companies=max(20, facts // 200), products=max(50, facts // 40), markets=120,
                 documents=max(10, facts // 60), facts=facts)


def _lit(value: str, datatype: str | None = None) -> str:
    esc = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"^^<{datatype}>' if datatype else f'"{esc}"'


def generate(out: Path, triples: int, seed: int, base: str) -> dict:
    rng = random.Random(seed)
    sc = scale_for(triples)
    ent_graph = f"<{base}/graph/entities>"
    lines: list[str] = []
    n = 0

    def q(s: str, p: str, o: str, g: str) -> None:
        nonlocal n
        lines.append(f"{s} {p} {o} {g} .\n")
        n += 1

    a, label = f"<{RDF_TYPE}>", f"<{RDFS_LABEL}>"
    companies = [f"<{base}/id/organisation/company-{i}>" for i in range(sc.companies)]
    products = [f"<{base}/id/product/product-{i}>" for i in range(sc.products)]
    markets = [f"<{base}/id/market/market-{i}>" for i in range(sc.markets)]
    metrics = [f"<{base}/id/metric/{m}>" for m in METRICS]
    sources = companies[:8]
    periods = [(y, k) for y in range(2012, 2031) for k in ("Q1", "Q2", "Q3", "Q4")]
    for i, c in enumerate(companies):
        q(c, a, f"<{MG}Company>", ent_graph)
        q(c, label, _lit(f"Company {i}"), ent_graph)
        q(c, f"<{MG}entityKind>", _lit("organisation"), ent_graph)
    for i, p in enumerate(products):
        q(p, a, f"<{MG}Smartphone>", ent_graph)
        q(p, label, _lit(f"Product {i}"), ent_graph)
        q(p, f"<{MG}manufacturer>", companies[i % len(companies)], ent_graph)
        q(p, f"<{MG}entityKind>", _lit("product"), ent_graph)
    for i, m in enumerate(markets):  # regions 0..9, countries under them
        q(m, a, f"<{MG}Market>", ent_graph)
        q(m, label, _lit(f"Market {i}"), ent_graph)
        if i >= 10:
            q(m, f"<{MG}partOf>", markets[i % 10], ent_graph)
    for m, key in zip(metrics, METRICS):
        q(m, a, f"<{MG}Metric>", ent_graph)
        q(m, a, f"<{SKOS}Concept>", ent_graph)
        q(m, label, _lit(key.replace("-", " ")), ent_graph)

    facts_per_doc = max(1, sc.facts // sc.documents)
    used_periods: set[str] = set()
    fid = 0
    for d in range(sc.documents):
        g = f"<{base}/graph/doc-{d}>"
        doc = f"<{base}/id/document/doc-{d}>"
        issuer = rng.choice(companies)
        q(doc, a, f"<{MG}Document>", g)
        q(doc, label, _lit(f"Document {d}"), g)
        q(doc, f"<{MG}issuer>", issuer, g)
        q(doc, f"<{MG}genre>", _lit(rng.choice(["results_release", "news", "earnings_call", "product_release"])), g)
        offset = 0
        for _ in range(facts_per_doc):
            kind, cls = rng.choices(KINDS, KIND_WEIGHTS)[0]
            fact = f"<{base}/id/fact/f{fid}>"
            ev = f"<{base}/id/evidence/f{fid}>"
            fid += 1
            subject = rng.choice(products) if kind in ("spec", "price") else (
                issuer if rng.random() < 0.7 else rng.choice(companies))
            metric = rng.choice(metrics)
            y, k = rng.choice(periods)
            plabel = f"{y}-{k}"
            period = f"<{base}/id/period/{plabel}>"
            value = round(rng.uniform(1, 1000), 1) if kind != "ranking" else rng.randint(1, 10)
            quote = f"{metric.rsplit('/', 1)[1][:-1]} was {value} in {plabel}"
            q(fact, a, f"<{MG}Fact>", g)
            q(fact, a, f"<{MG}{cls}>", g)
            q(fact, a, f"<{PROV}Entity>", g)
            q(fact, f"<{MG}factKind>", _lit(kind), g)
            q(fact, f"<{MG}subject>", subject, g)
            q(fact, f"<{MG}metric>", metric, g)
            q(fact, f"<{MG}value>", _lit(str(value), XSD + "decimal"), g)
            q(fact, f"<{MG}unitLabel>", _lit(rng.choice(UNITS)), g)
            q(fact, f"<{MG}period>", period, g)
            q(fact, f"<{PROV}wasDerivedFrom>", doc, g)
            q(fact, label, _lit(f"{kind} {value} {plabel}"), g)
            if kind in ("ranking", "market_share", "price") or rng.random() < 0.3:
                q(fact, f"<{MG}market>", rng.choice(markets[10:]), g)
            if kind in ("ranking", "market_share"):
                q(fact, f"<{MG}source>", rng.choice(sources), g)
            if kind == "ranking":
                q(fact, f"<{MG}rank>", _lit(str(value), XSD + "integer"), g)
            q(fact, f"<{MG}evidence>", ev, g)
            q(ev, a, f"<{OA}Annotation>", g)
            q(ev, f"<{OA}hasBody>", fact, g)
            q(ev, f"<{OA}hasTarget>", f"<{base}/id/evidence/f{fid}#target>", g)
            tgt, qs, ps = (f"<{base}/id/evidence/f{fid}#{x}>" for x in ("target", "quote", "position"))
            q(tgt, f"<{OA}hasSelector>", qs, g)
            q(tgt, f"<{OA}hasSelector>", ps, g)
            q(qs, a, f"<{OA}TextQuoteSelector>", g)
            q(qs, f"<{OA}exact>", _lit(quote), g)
            q(ps, f"<{OA}start>", _lit(str(offset), XSD + "nonNegativeInteger"), g)
            q(ps, f"<{OA}end>", _lit(str(offset + len(quote)), XSD + "nonNegativeInteger"), g)
            offset += len(quote) + rng.randint(5, 200)
            if plabel not in used_periods:  # once, in the shared graph (see RESULTS.md: union is a bag)
                used_periods.add(plabel)
                q(period, a, f"<{MG}Quarter>", ent_graph)
                q(period, label, _lit(plabel), ent_graph)
        if len(lines) > 200_000:
            with out.open("a", encoding="utf-8") as fh:
                fh.writelines(lines)
            lines.clear()
    with out.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)
    return {"quads": n, "facts": fid, "documents": sc.documents, "companies": sc.companies,
            "products": sc.products, "markets": sc.markets}


def build_store(nquads: Path, store: Path) -> None:
    st = ox.Store(str(store))
    st.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    st.flush()
    st.optimize()
    del st


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    ap.add_argument("--out", type=Path, required=True, help="directory for data.nq and the store")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    nq = args.out / "data.nq"
    nq.unlink(missing_ok=True)
    t0 = time.monotonic()
    stats = generate(nq, args.triples, args.seed, args.base)
    t1 = time.monotonic()
    build_store(nq, args.out / "store")
    print(stats, f"generated in {t1 - t0:.1f} s, loaded in {time.monotonic() - t1:.1f} s")


if __name__ == "__main__":
    main()
