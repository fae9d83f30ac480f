"""Spec and price tables (graph/extract/producttables.py) on invented documents: models as columns, models as
rows, variants of the main product as rows, markets from column headers and row labels, bare counts, and lines
that are no product table."""
from __future__ import annotations

from decimal import Decimal

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.extract.producttables import cells
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


def _facts(text, gazetteer, kinds=("spec", "price")):
    issuer = EntityRef("veloce", "organisation", "Veloce Motors AB", ("Company",))
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre="product_release",
                   date="2025-05-02", issuer=issuer)
    facts = extract_document(doc, text, gazetteer, only=["products", "specs", "prices"]).facts
    for f in facts:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return [f for f in facts if f.kind in kinds]


def test_cells_are_split_at_wide_gaps_tabs_and_bars():
    line = "Top speed (EU)     25 km/h\t 20 km/h | 30 km/h"
    assert [c.text for c in cells(line, 0, len(line))] == ["Top speed (EU)", "25 km/h", "20 km/h", "30 km/h"]
    assert [line[c.start:c.end] for c in cells(line, 0, len(line))][0] == "Top speed (EU)"


COLUMNS = """Veloce Motors AB today unveiled two electric scooters, the Brio and the Brio Max.

                    Brio          Brio Max
Battery             360 Wh        612 Wh
Top speed (Japan)   20 km/h       20 km/h
Weight              14.2 kg       19.9 kg
"""


def test_models_as_columns_give_each_model_its_values(gazetteer):
    got = {(f.subject.label, str(f.value), f.unit, f.market.key if f.market else None)
           for f in _facts(COLUMNS, gazetteer)}
    assert got >= {("Veloce Brio", "360", "Wh", None), ("Veloce Brio Max", "612", "Wh", None),
                   ("Veloce Brio", "20", "km/h", "japan"), ("Veloce Brio Max", "20", "km/h", "japan"),
                   ("Veloce Brio", "14.2", "kg", None), ("Veloce Brio Max", "19.9", "kg", None)}
    brio = [f for f in _facts(COLUMNS, gazetteer) if f.subject.label == "Veloce Brio" and f.unit == "Wh"]
    assert len(brio) == 1 and brio[0].evidence.quote.startswith("Battery") and brio[0].evidence.quote.endswith("360 Wh")


ROWS = """Veloce Motors AB launched the Arco, its first electric hatchback.

| Version | Battery | Range | Price in Germany |
| Base RWD | 58 kWh | 410 km | EUR 38,900 |
| Long Range AWD | 77 kWh | 520 km | EUR 44,900 |
"""


def test_variants_of_the_main_product_as_rows_with_prices_in_the_market_of_their_column(gazetteer):
    facts = _facts(ROWS, gazetteer)
    got = {(f.kind, f.subject.label, str(f.value), f.unit, f.qualifier("variant"), f.market.key if f.market else None)
           for f in facts}
    assert ("spec", "Veloce Arco", "58", "kWh", "Base RWD", None) in got
    assert ("spec", "Veloce Arco", "520", "km", "Long Range AWD", None) in got
    assert ("price", "Veloce Arco", "44900", "EUR", "Long Range AWD", "germany") in got
    assert all(f.subject.label == "Veloce Arco" for f in facts)


MODELS = """The Lyra range of TVs from Veloce, the Lyra QX, comes in two sizes.

| Model | UK price | US price | Dimming zones |
| Lyra QX 55-inch | £1,099 | $1,299 | 960 |
| Lyra QX 65-inch | £1,499 | $1,699 | 1,440 |
"""


def test_products_as_rows_prices_by_column_market_and_counts_by_header(gazetteer):
    facts = _facts(MODELS, gazetteer)
    prices = {(str(f.value), f.unit, f.market.key if f.market else None, f.qualifier("variant"))
              for f in facts if f.kind == "price"}
    assert prices == {("1099", "GBP", "united-kingdom", "55-inch"), ("1299", "USD", "united-states", "55-inch"),
                      ("1499", "GBP", "united-kingdom", "65-inch"), ("1699", "USD", "united-states", "65-inch")}
    zones = {(f.subject.label, f.value, f.metric) for f in facts if f.kind == "spec" and f.unit is None}
    assert zones == {("Lyra QX", Decimal(960), "dimming_zones"), ("Lyra QX", Decimal(1440), "dimming_zones")}


def test_a_table_of_companies_is_no_product_table(gazetteer):
    text = """Veloce Motors AB today unveiled the Brio.

Vendor        Q1 2025   Q1 2024
Kestrel       4.1       3.2
Ormand        2.2       2.9
"""
    assert [f for f in _facts(text, gazetteer) if "table" in dict(f.qualifiers).get("layout", "")] == []
