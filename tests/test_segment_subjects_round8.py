"""Figures of a company's parts stay the part's (issue 8, subjects of parts of a company; decision record
docs/decisions/2026-12-08-segment-and-issuer-subjects-on-unseen-documents.md). A part's figure is never published
as the group's: it is the part's when the text resolves the part, else unresolved. Invented companies, parts and
figures."""
from __future__ import annotations

from datetime import date

import pytest

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef, ExtractionResult, Period

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
ISSUER = EntityRef("pellucid-systems", "organisation", "Pellucid Systems Limited", ("Company",))
Q3 = Period("2025-Q3", "quarter", date(2025, 7, 1), date(2025, 9, 30))
HEAD = "Pellucid Systems reports third quarter 2025 results\n\n"
FIGURES = ("metric", "change", "market_share", "ranking", "count")


def extract(body: str, genre: str = "results_release") -> ExtractionResult:
    text = HEAD + body
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title="t", genre=genre,  # type: ignore[arg-type]
                   date="2025-10-30", issuer=ISSUER, period=Q3, role="first_party")  # type: ignore[arg-type]
    return extract_document(doc, text, GAZ)


def subjects(res: ExtractionResult) -> dict[str, str]:
    """value -> subject key of every figure published."""
    return {str(f.value): f.subject.key for f in res.facts if f.kind in FIGURES}


def metrics(res: ExtractionResult) -> dict[str, str]:
    return {str(f.value): f.metric for f in res.facts if f.kind in FIGURES}


def unresolved(res: ExtractionResult) -> set[str]:
    return {str(u.value) for u in res.unresolved}


# ---- a part's name joined by "&" whose last word opens a measure's name

@pytest.mark.parametrize("part, slug", [("Tools & Services", "tools-and-services"),
                                        ("Cloud & Services", "cloud-and-services"),
                                        ("Mapping & Services", "mapping-and-services")])
def test_a_part_whose_last_word_opens_the_measure_keeps_its_revenue(part: str, slug: str) -> None:
    res = extract(f"Revenue rose 6% to $950 million. {part} revenue rose 19% to $318 million.")
    subj, met = subjects(res), metrics(res)
    assert subj["318000000"] == f"pellucid-systems-{slug}"
    assert met["318000000"] == "revenue"            # not the company's "service revenue"
    assert subj["950000000"] == "pellucid-systems"


def test_service_revenue_with_no_part_named_is_still_the_companys() -> None:
    res = extract("Services revenue rose 11% to $140 million.")
    assert subjects(res).get("140000000") == "pellucid-systems"
    assert metrics(res).get("140000000") == "service-revenue"


# ---- "within the segment", "in the division": the part named last, or no one

def test_a_measure_within_the_segment_is_the_part_named_before() -> None:
    res = extract("Cloud Tools revenue rose 19% to $318 million. Subscription revenue within the segment came to "
                  "$204 million.")
    assert subjects(res)["204000000"] == "pellucid-systems-cloud-tools"


@pytest.mark.parametrize("phrase", ["within the segment", "in the division", "across the unit"])
def test_a_measure_of_the_segment_with_no_part_named_is_unresolved(phrase: str) -> None:
    res = extract(f"Revenue rose 6% to $950 million. Subscription revenue {phrase} came to $204 million.")
    assert "204000000" not in subjects(res)
    assert "204000000" in unresolved(res)
    assert subjects(res)["950000000"] == "pellucid-systems"


# ---- a later clause of the sentence with no subject goes on about the part

@pytest.mark.parametrize("tail, value", [(", and operating margin was 12.5%.", "12.5"),
                                         ("; gross margin was 41.5%.", "41.5")])
def test_a_later_clause_with_no_subject_is_the_parts(tail: str, value: str) -> None:
    res = extract("Revenue rose 6% to $950 million. Harbour Meters revenue rose 9% to $410 million" + tail)
    assert subjects(res)[value] == "pellucid-systems-harbour-meters"


@pytest.mark.parametrize("tail", [", while group revenue rose 6% to $950 million.",
                                  ", bringing total revenue to $950 million."])
def test_words_of_the_whole_keep_the_companys_figure(tail: str) -> None:
    res = extract("Harbour Meters revenue rose 9% to $410 million" + tail)
    assert subjects(res)["410000000"] == "pellucid-systems-harbour-meters"
    assert subjects(res).get("950000000", "pellucid-systems") == "pellucid-systems"


# ---- "we expect <part> revenue of ...": the part the document named, not the company

@pytest.mark.parametrize("part", ["Automotive", "Marine radar"])
def test_an_outlook_for_a_part_named_before_is_the_parts(part: str) -> None:
    res = extract(f"Revenue was $112 million, up 8%. {part} revenue was $41 million, up 31%.\n\n"
                  f"For the fourth quarter we expect {part.lower()} revenue of $44 million. We expect full-year "
                  f"revenue of $450 million.", genre="earnings_call")
    subj = subjects(res)
    part_key = subj["41000000"]
    assert part_key != "pellucid-systems"
    assert subj["44000000"] == part_key
    assert subj["450000000"] == "pellucid-systems"


def test_an_outlook_with_a_plain_modifier_is_the_companys() -> None:
    res = extract("We expect full-year revenue of $450 million.", genre="earnings_call")
    assert subjects(res)["450000000"] == "pellucid-systems"


# ---- "our <lower-case words> business" names a part

@pytest.mark.parametrize("words", ["marine radar", "fleet telematics", "payments"])
def test_our_lower_case_business_is_a_part(words: str) -> None:
    res = extract(f"Revenue was $112 million. Our {words} business recorded revenue of $41 million, up 31%.")
    subj = subjects(res)
    assert subj["41000000"].startswith("pellucid-systems-") and subj["41000000"] != "pellucid-systems"
    assert subj["112000000"] == "pellucid-systems"


@pytest.mark.parametrize("words", ["core", "other", "largest"])
def test_a_description_of_a_business_names_no_part(words: str) -> None:
    res = extract(f"Our {words} business recorded revenue of $41 million, up 31%.")
    assert not any(k.endswith(f"{words}-business") for k in subjects(res).values())


# ---- the issuer's own figures in a code that carries its scale ("MSEK 7,482")

@pytest.mark.parametrize("code, iso", [("MSEK", "SEK"), ("MNOK", "NOK"), ("MEUR", "EUR")])
def test_a_currency_code_with_its_scale_reads_millions(code: str, iso: str) -> None:
    res = extract(f"Net sales increased by 7 per cent to {code} 4,215. Lab Meters improved its EBIT by {code} 52.")
    money = {str(f.value): (f.unit, f.subject.key) for f in res.facts if f.kind in FIGURES and f.unit == iso}
    assert money["4215000000"] == (iso, "pellucid-systems")
    assert money["52000000"][1] == "pellucid-systems-lab-meters"


def test_a_lower_case_code_is_not_a_scaled_currency() -> None:
    res = extract("Net sales increased by 7 per cent to msek 4,215.")
    assert "4215000000" not in subjects(res)


def test_its_business_may_be_a_rivals_and_names_no_part() -> None:
    res = extract("Our rival Kessler Akustik reported organic growth of 3% for its hearing business. Hearing aid unit "
                  "sales in the market rose by around 4%.")
    assert not any(k.endswith("hearing-business") for k in subjects(res).values())


# ---- a money measure of a line of goods the text does not resolve: not the company's

@pytest.mark.parametrize("line", ["automotive LCD panels", "cloud subscriptions", "marine radar units"])
def test_sales_of_a_line_of_goods_is_not_the_companys(line: str) -> None:
    res = extract(f"Revenue rose 6% to $950 million. Sales of {line} climbed 27% to $310 million.")
    assert "310000000" not in subjects(res)
    assert "310000000" in unresolved(res)
    assert subjects(res)["950000000"] == "pellucid-systems"


@pytest.mark.parametrize("phrase", ["Revenue from continuing operations", "Revenue from contracts with customers",
                                    "Sales of its products"])
def test_a_measure_of_the_whole_stays_the_companys(phrase: str) -> None:
    res = extract(f"{phrase} rose 6% to $950 million.")
    assert subjects(res).get("950000000") == "pellucid-systems"


def test_a_line_of_goods_the_text_names_as_a_segment_is_that_segments() -> None:
    res = extract("Sales of routers, which the company reports as its Home Networks segment, climbed 48% to "
                  "$194 million.")
    assert subjects(res).get("194000000", "").startswith("pellucid-systems-home-networks")
