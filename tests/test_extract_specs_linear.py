"""Linear-time spec extraction (issue 9, item 7): ``find_specs`` on 100 k-character adversarial texts does work
that grows linearly with the text. Work is counted (characters handed to a regex, values considered), never timed.
"""
from __future__ import annotations

import pytest
import yaml

from marketgraph.graph.extract.specgrammar import CHUNK, WorkMeter, build_spec_grammar, chunks, find_specs
from marketgraph.graph.paths import ProjectPaths

ADVERSARIAL = ["#1 in ", "up 1% ", "aaaa", "6.5-inch ", "a 5,000 mAh battery, ", "50MP " * 3 + "camera ",
               "the new sensor replaces ", "supports features such as ", "1/1.3-inch ", "12GB+256GB "]


@pytest.fixture(scope="module")
def grammar():
    data = yaml.safe_load((ProjectPaths.default().mappings / "patterns" / "specs.yaml").read_text(encoding="utf-8"))
    return build_spec_grammar(data)


def _work(grammar, unit: str, n: int) -> WorkMeter:
    text = (unit * (n // len(unit) + 1))[:n]
    meter = WorkMeter()
    find_specs(text, 0, grammar, meter=meter)
    return meter


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_work_grows_linearly_with_the_text(grammar, unit):
    small, mid, big = (_work(grammar, unit, n) for n in (25_000, 50_000, 100_000))
    assert big.scanned <= 2.2 * mid.scanned and mid.scanned <= 2.2 * small.scanned, (small, mid, big)
    assert big.matches <= 2.2 * mid.matches + 1
    # a constant amount of work per character, whatever the input
    assert big.scanned <= (len(grammar.rules) + 400) * 100_000


def test_chunks_cover_the_text_and_stay_short():
    text = ("word " * 30 + "end. ") * 500 + "x" * 5000
    spans = chunks(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(spans, spans[1:]))
    assert all(0 < e - s <= CHUNK for s, e in spans)


def test_values_are_still_found_across_many_chunks(grammar):
    sentence = "The phone has a 6.7-inch display and a 5,000mAh battery. "
    text = sentence * 200           # 11 k characters: several chunks
    items = find_specs(text, 0, grammar)
    assert sum(1 for i in items if i.unit == "mAh") == 200
    assert sum(1 for i in items if i.unit == "inch") == 200
