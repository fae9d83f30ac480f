"""The metric scheme (mappings/gazetteer/metrics.yaml): a SKOS scheme whose labels and aliases are only names of
their measure — unique across concepts, no verbs, no clause fragments, no narrower phrase under a broader concept —
with a unit the quantity grammar can produce and `broader` links that form a tree. Sentences of our own check that
the matcher reads each measure, longest name first."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from marketgraph.graph.extract.matcher import GazetteerMatcher, normalise
from marketgraph.graph.gazetteer import Gazetteer, load_gazetteer
from marketgraph.graph.paths import ProjectPaths

PATHS = ProjectPaths.default()
SCHEME = PATHS.gazetteer / "metrics.yaml"
PATTERNS = PATHS.mappings / "patterns"

# Keys published before the 2026-12 revision of the scheme: graphs, queries and gold files name them, so each one
# stays a key (a concept is never renamed; a replacement would keep the old key).
PUBLISHED_KEYS = """
revenue adjusted-net-profit net-profit operating-profit profit gross-profit gross-margin operating-margin net-margin
adjusted-net-margin shipments monthly-active-users daily-active-users connected-devices users-with-multiple-devices
average-selling-price market-share revenue-share rd-expenses operating-expense-ratio operating-expenses
selling-and-marketing-expenses administrative-expenses cash-resources operating-cash-flow inventory-turnover-days
receivable-turnover-days payable-turnover-days eps dividend-per-share capital-expenditure share-repurchase
production-capacity paid-subscribers net-cash supply-capacity activations share-price skus retail-stores
premium-smartphone-sales smart-tv-shipments exchange-rate ebitda adjusted-ebitda free-cash-flow net-loss
adjusted-operating-profit operating-loss investment-amount investment-book-value fund-size rank-position
markets-ranked number-of-companies number-of-countries number-of-markets number-of-skus number-of-employees
number-of-stores number-of-patents number-of-shares number-of-customers number-of-models number-of-products
number-of-categories number-of-funds number-of-technologies number-of-principles number-of-variants
number-of-colours number-of-units number-of-devices years-in-market number-of-entries camera-score brand-value
innovation-ranking profit-before-tax ebit
""".split()

# Units that are not counts of things.
MEASURE_UNITS = {"currency", "percent", "ratio", "x", "days", "rank", "points", "years"}

# Verb forms that state a figure rather than name a measure (besides the `verbs` lists of the scheme itself). A name
# may not start with a finite form ("brought in", "touched a record"), nor be a base form with particles only
# ("sell-in", which the matcher reads as "sell in"); a gerund may start a name ("selling expenses") but not be one.
FINITE_VERBS = {
    "sells", "sold", "ships", "shipped", "brings", "brought", "generates", "generated", "earns", "earned", "posted",
    "reported", "reaches", "reached", "grew", "rose", "fell", "closes", "closed", "touched", "converted",
    "repurchased", "bought", "delivers", "delivered", "produces", "produced", "made", "can", "could", "will", "have",
    "has", "had", "is", "are", "was", "were", "totalled", "totaled", "amounted", "recorded", "achieved", "employs",
    "employed", "hired", "spent", "invested", "raised", "lost",
}
BASE_VERBS = {"sell", "ship", "bring", "generate", "earn", "reach", "close", "deliver", "produce", "buy"}
GERUNDS = {"selling", "shipping", "delivering", "producing", "earning", "generating", "spending", "investing"}
# Words a name of a measure does not end with: a name ending so is a clause fragment ("users with more than").
FRAGMENT_ENDS = {"than", "at", "to", "of", "in", "with", "by", "for", "on", "from", "and", "or", "the", "a", "an",
                 "least", "more", "our", "its", "their", "out", "back", "up", "down"}
PREPOSITIONS = {"of", "per", "in", "for", "from", "to", "on", "as", "by"}
# Modifiers that do not narrow a measure ("total revenue" is revenue; "hardware revenue" is not).
NEUTRAL_MODIFIERS = {"total", "net", "sales", "cash", "share", "consolidated", "group", "overall", "annual", "average", "unit", "order", "closing",
                     "proposed", "company", "non", "ifrs", "gaap", "dividend", "stock", "general", "and", "income",
                     "account", "accounts", "trade", "capacity", "market", "device", "number", "of"}


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return yaml.safe_load(SCHEME.read_text(encoding="utf-8"))["metrics"]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(PATHS.gazetteer)


@pytest.fixture(scope="module")
def matcher(gaz) -> GazetteerMatcher:
    return GazetteerMatcher(gaz)


def _norm(phrase: str) -> str:
    return normalise(phrase)[0].strip()


def _forms(phrase: str) -> set[str]:
    """The forms the matcher searches for a phrase (graph/extract/matcher.py): normalised, and without spaces."""
    n = _norm(phrase)
    return {n, n.replace(" ", "")} if " " in n and len(n.replace(" ", "")) >= 4 else {n}


def _names(m: dict) -> list[str]:
    return [str(m["label"]), *(str(a) for a in m.get("aliases") or [])]


def verb_phrases(concepts: list[dict]) -> list[tuple[str, str]]:
    """Names that are verbs or start with one: (key, name). The scheme's own `verbs` count as verbs when a name is
    one of them, or one of them with particles only."""
    stated = {_norm(v) for m in concepts for v in m.get("verbs") or []}
    particles = FRAGMENT_ENDS | PREPOSITIONS | {"through"}
    out = []
    for m in concepts:
        for n in _names(m):
            words = _norm(n).split()
            if words[0] in FINITE_VERBS or (len(words) == 1 and words[0] in GERUNDS) or \
                    (words[0] in BASE_VERBS and set(words[1:]) <= particles) or \
                    any(" ".join(words[:i]) in stated and set(words[i:]) <= particles for i in range(1, len(words) + 1)):
                out.append((m["key"], n))
    return out


def fragments(concepts: list[dict]) -> list[tuple[str, str]]:
    """Names that stop where a clause goes on ("shares closed at", "users with more than")."""
    return [(m["key"], n) for m in concepts for n in _names(m) if n.split()[-1].casefold() in FRAGMENT_ENDS]


def narrower_phrases(concepts: list[dict]) -> list[tuple[str, str, str]]:
    """Names that are another name of the same concept with a narrowing modifier in front ("hardware net margin"
    beside "net margin"; not "income from sales" beside "sales", whose head is "income"): (key, longer name,
    shorter name)."""
    out = []
    for m in concepts:
        names = [_norm(n).split() for n in _names(m)]
        for a in names:
            for b in names:
                head = a[:len(a) - len(b)]
                if len(b) < len(a) and a[len(a) - len(b):] == b and b[0] not in PREPOSITIONS \
                        and head[-1] not in PREPOSITIONS and not set(head) <= NEUTRAL_MODIFIERS:
                    out.append((m["key"], " ".join(a), " ".join(b)))
    return out


# ---------------------------------------------------------------------------------------------- structure

def test_every_published_key_is_still_a_concept(gaz):
    missing = [k for k in PUBLISHED_KEYS if k not in gaz.metrics]
    assert not missing, f"published metric keys dropped from the scheme: {missing}"


def _pattern_keys() -> dict[str, set[str]]:
    """Metric keys the frame and ranking patterns name (mappings/patterns)."""
    frames = yaml.safe_load((PATTERNS / "frames.yaml").read_text(encoding="utf-8"))
    rankings = yaml.safe_load((PATTERNS / "rankings.yaml").read_text(encoding="utf-8"))
    return {
        "frames.yaml market_metrics": set(frames.get("market_metrics") or []),
        "frames.yaml unit_metrics": set((frames.get("unit_metrics") or {}).values()),
        "frames.yaml rank_measures": set(frames.get("rank_measures") or {}),
        "rankings.yaml measures": set((rankings.get("measures") or {}).values()),
        "frames.yaml margin_of": set((frames.get("margin_of") or {}).keys()) | set((frames.get("margin_of") or {}).values()),
    }


def test_every_key_the_patterns_name_is_a_concept(gaz):
    missing = {where: sorted(keys - set(gaz.metrics)) for where, keys in _pattern_keys().items()
               if keys - set(gaz.metrics)}
    assert not missing, missing


def test_keys_are_slugs_and_every_concept_has_a_label_and_a_unit(raw):
    for m in raw:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", m["key"]), m["key"]
        assert str(m.get("label") or "").strip(), m["key"]
        assert m.get("unit"), f"{m['key']} has no expected unit"


def test_units_are_measure_units_or_counts_the_quantity_grammar_reads(raw):
    quantities = yaml.safe_load((PATTERNS / "quantities.yaml").read_text(encoding="utf-8"))
    counts = set((quantities.get("units") or {}).values())
    bad = {m["key"]: m["unit"] for m in raw if m["unit"] not in MEASURE_UNITS | counts}
    assert not bad, f"units neither a measure unit nor a count unit of quantities.yaml: {bad}"


def test_broader_links_form_a_tree_within_the_scheme(gaz):
    for key, m in gaz.metrics.items():
        seen = {key}
        b = m.broader
        while b is not None:
            assert b in gaz.metrics, f"{key}: broader {b!r} is not a concept"
            assert b not in seen, f"{key}: broader cycle through {b}"
            seen.add(b)
            b = gaz.metrics[b].broader


def test_a_narrower_measure_has_the_unit_of_its_broader_one(gaz):
    bad = [(k, m.unit, m.broader, gaz.metrics[m.broader].unit) for k, m in gaz.metrics.items()
           if m.broader and m.unit != gaz.metrics[m.broader].unit]
    assert not bad, bad


def test_only_known_fields(raw):
    allowed = {"key", "label", "unit", "broader", "aliases", "definition", "verbs"}
    bad = {m["key"]: sorted(set(m) - allowed) for m in raw if set(m) - allowed}
    assert not bad, bad


# ---------------------------------------------------------------------------------------------- names (SKOS labels)

def test_no_alias_repeats_its_label_or_another_alias(raw):
    """SKOS: a concept's skos:prefLabel and skos:altLabel are disjoint; an alternative label is listed once (also
    after the matcher's normalisation, which makes "same-store" and "same store" one name)."""
    for m in raw:
        names = [_norm(n) for n in _names(m)]
        assert len(names) == len(set(names)), f"{m['key']}: {sorted(n for n in names if names.count(n) > 1)}"


def test_every_name_belongs_to_one_concept(raw):
    """A label or alias naming two concepts would make the matcher guess between them."""
    owner: dict[str, str] = {}
    clashes = []
    for m in raw:
        for name in _names(m):
            for form in _forms(name):
                if owner.setdefault(form, m["key"]) != m["key"]:
                    clashes.append((name, owner[form], m["key"]))
    assert not clashes, clashes


def test_no_name_is_a_verb_or_starts_with_one(raw):
    assert not verb_phrases(raw), f"verbs among the names of measures: {verb_phrases(raw)}"


def test_no_name_is_a_clause_fragment(raw):
    assert not fragments(raw), f"clause fragments among the names of measures: {fragments(raw)}"


def test_no_alias_is_a_narrower_phrase_of_its_concept(raw):
    """A narrower phrase under a broader concept must be a concept of its own, with `broader`."""
    assert not narrower_phrases(raw), narrower_phrases(raw)


def test_the_name_checks_catch_what_they_are_for():
    """The checks above fail on the kinds of names the scheme once had."""
    bad = [{"key": "shipments", "label": "shipments", "aliases": ["sold", "ships", "sell-in", "units shipped"],
            "verbs": ["shipping"]},
           {"key": "revenue", "label": "revenue", "aliases": ["brought in", "total revenue", "turnover"]},
           {"key": "share-price", "label": "share price", "aliases": ["shares closed at", "touched a record"]},
           {"key": "users-with-devices", "label": "users owning devices", "aliases": ["users with more than"]},
           {"key": "net-margin", "label": "net margin", "aliases": ["net profit margin", "hardware net margin"]},
           {"key": "market-share", "label": "market share", "aliases": ["share", "value share"]}]
    assert sorted(verb_phrases(bad)) == [("revenue", "brought in"), ("share-price", "touched a record"),
                                         ("shipments", "sell-in"), ("shipments", "ships"), ("shipments", "sold")]
    assert sorted(fragments(bad)) == [("revenue", "brought in"), ("share-price", "shares closed at"),
                                      ("users-with-devices", "users with more than")]
    assert narrower_phrases(bad) == [("net-margin", "hardware net margin", "net margin"),
                                     ("market-share", "value share", "share")]


def test_verbs_are_kept_apart_from_the_names(raw, matcher):
    """The `verbs` of a measure are not names: the matcher does not read them as the measure."""
    names = {form for m in raw for n in _names(m) for form in _forms(n)}
    for m in raw:
        for v in m.get("verbs") or []:
            assert _norm(v) not in names, (m["key"], v)
            hits = [h for h in matcher.find(f"The firm {v} 12 million units.") if h.kind == "metric"]
            assert all(h.target != m["key"] for h in hits), (v, hits)


# ---------------------------------------------------------------------------------------------- the matcher reads them

@pytest.mark.parametrize("text,phrase,key", [
    ("Hardware net margin stayed below 4%.", "Hardware net margin", "hardware-net-margin"),
    ("Net margin was 6.1%.", "Net margin", "net-margin"),
    ("Diluted EPS came to $1.12.", "Diluted EPS", "diluted-eps"),
    ("or $0.64 per diluted share", "per diluted share", "diluted-eps"),
    ("EPS rose to €2.05.", "EPS", "eps"),
    ("Non-GAAP diluted EPS of $0.91 beat estimates.", "Non-GAAP diluted EPS", "adjusted-diluted-eps"),
    ("Inventory turnover days fell to 61.", "Inventory turnover days", "inventory-turnover-days"),
    ("Staff turnover fell to 9%.", "Staff turnover", "attrition-rate"),
    ("Turnover rose to SEK 4.1 billion.", "Turnover", "revenue"),
    ("Cost of sales increased 3%.", "Cost of sales", "cost-of-sales"),
    ("Revenue from operations grew 11%.", "Revenue from operations", "operating-revenue"),
    ("Unit sales reached 2.3 million.", "Unit sales", "sales-volume"),
    ("Vehicle deliveries were 48,000.", "deliveries", "deliveries"),
    ("The final dividend of NOK 3.10 was approved.", "final dividend", "final-dividend"),
    ("Net debt to EBITDA was 1.4x.", "Net debt to EBITDA", "leverage-ratio"),
    ("Adjusted EBITA margin improved to 14.2%.", "Adjusted EBITA margin", "adjusted-ebita-margin"),
    ("EBITDA margin was 21%.", "EBITDA margin", "ebitda-margin"),
    ("Annual recurring revenue reached $410 million.", "Annual recurring revenue", "annual-recurring-revenue"),
    ("Cash, cash equivalents and short-term investments were $2.2 billion.",
     "Cash, cash equivalents and short-term investments", "cash-and-short-term-investments"),
    ("Net income attributable to common shareholders was $88 million.",
     "Net income attributable to common shareholders", "profit-attributable-to-owners"),
    ("Selling, general and administrative expenses were flat.", "Selling, general and administrative expenses",
     "sga-expenses"),
    ("Order intake rose 7% to EUR 1.9 billion.", "Order intake", "order-intake"),
    ("Paying users grew to 5.5 million.", "Paying users", "paying-users"),
    ("Paid subscribers reached 1.2 million.", "Paid subscribers", "paid-subscribers"),
    ("The user base passed 90 million.", "user base", "users"),
    ("Headcount was 4,210 at year end.", "Headcount", "number-of-employees"),
    ("Sales rose 4%.", "Sales", "revenue"),
])
def test_the_matcher_reads_the_longest_name(matcher, text, phrase, key):
    hits = [(h.surface, h.target) for h in matcher.find(text) if h.kind == "metric"]
    assert (phrase, key) in hits, hits


@pytest.mark.parametrize("text", [
    "The company shipped 9.4 million units.",
    "It sold 300,000 vehicles in the quarter.",
    "The division brought in $1.1 billion.",
    "The shares closed at HK$12.40.",
    "Our plants can produce 2 million units a year.",
])
def test_a_verb_alone_names_no_measure(matcher, text):
    assert [h for h in matcher.find(text) if h.kind == "metric"] == []
