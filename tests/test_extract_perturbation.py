"""The same documents with their figures changed must give the same statements with the new figures.

Every decimal figure in the bundled texts is rewritten digit by digit (same length, so offsets do not move);
the extracted statements (kind, span, subject, metric, period) must not change, and every value must be the
one now written at its offsets. A rule that fits one sentence's numbers fails here."""
import re

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths

ENGINE = ["measures"]
GAZ = load_gazetteer(ProjectPaths.default().gazetteer)


def perturb(text: str) -> str:
    def swap(m: re.Match) -> str:
        out, first = [], True
        for ch in m.group(0):
            if ch.isdigit():
                out.append(str((int(ch) + 3) % 9 + 1) if first else str((int(ch) + 7) % 10))
                first = False
            else:
                out.append(ch)
        return "".join(out)
    return re.sub(r"(?<![\d,.])\d[\d,]*\.\d+(?![\d.])", swap, text)


@pytest.fixture(scope="module")
def corpus():
    from marketgraph.graph.segment import load_documents
    from marketgraph.graph.settings import Settings
    return load_documents(Settings(), ["seeds", "dev"])


def _key(f):
    return (f.kind, f.evidence.start, f.evidence.end, f.subject.key, f.metric, f.period.label if f.period else None,
            f.market.key if f.market else None, f.unit)


def test_changed_figures_give_the_same_statements(corpus):
    changed = 0
    for doc, text in corpus:
        other = perturb(text)
        assert len(other) == len(text)
        before = {_key(f): f for f in extract_document(doc, text, GAZ, only=ENGINE).facts}
        after = {_key(f): f for f in extract_document(doc, other, GAZ, only=ENGINE).facts}
        assert set(before) == set(after), (doc.doc_id, set(before) ^ set(after))
        for k, f in after.items():
            if f.value != before[k].value:
                changed += 1
                assert other[f.evidence.start:f.evidence.end] == f.evidence.quote
    assert changed > 100


def test_perturbation_changes_every_decimal():
    assert perturb("RMB 53.7 billion, up 8.0% (1,022.3 units) in 2020") == "RMB 90.4 billion, up 3.7% (5,799.0 units) in 2020"
