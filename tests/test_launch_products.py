"""Launch articles about several products, written for this test (an invented maker, Quillon, and invented
products): every spec and price goes to the product the text names for it, and a value whose product the text
does not resolve is unresolved, never the issuer's or the last product's (graph/extract/productrefs.py)."""
from __future__ import annotations

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.extract.productrefs import UNRESOLVED
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document, EntityRef

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
QUILLON = EntityRef("quillon-devices", "organisation", "Quillon Devices Ltd", ("Company",))


def _run(text: str):
    doc = Document(doc_id="t", source_file="t.txt", start=0, end=len(text), title=text.split("\n", 1)[0],
                   genre="product_release", date="2024-03-14", issuer=QUILLON, period=None, role="first_party")
    return extract_document(doc, text, GAZ)


def _facts(text: str, kind: str = "spec") -> set[tuple[str, str, str, str]]:
    """(subject label, metric, value, unit) of the facts of one kind."""
    return {(f.subject.label, f.metric or "", str(f.value), f.unit or "") for f in _run(text).facts if f.kind == kind}


def _unresolved(text: str) -> set[tuple[str, str]]:
    return {(u.metric or "", u.evidence.quote) for u in _run(text).unresolved if u.reason == UNRESOLVED}


def test_a_spec_in_a_sentence_naming_one_product_is_that_products():
    text = ("Quillon unveils two phones\n\nQuillon Devices today unveiled the Nimbus Air and the Nimbus Air Pro. "
            "The Nimbus Air has a 6.1-inch display. The Nimbus Air Pro has a 6.7-inch display.\n")
    assert _facts(text) == {("Quillon Nimbus Air", "display_size", "6.1", "inch"),
                            ("Quillon Nimbus Air Pro", "display_size", "6.7", "inch")}


def test_both_phones_are_the_two_named_recently_not_only_the_last_sentences():
    text = ("Quillon unveils two phones\n\nQuillon Devices today unveiled the Nimbus Air and the Nimbus Air Pro. "
            "The Nimbus Air has a 4,500 mAh battery. The Nimbus Air Pro has a 5,100 mAh battery.\n\n"
            "Both phones support 45W charging.\n")
    assert _facts(text) == {("Quillon Nimbus Air", "battery_capacity", "4500", "mAh"),
                            ("Quillon Nimbus Air Pro", "battery_capacity", "5100", "mAh"),
                            ("Quillon Nimbus Air", "wired_charging_power", "45", "W"),
                            ("Quillon Nimbus Air Pro", "wired_charging_power", "45", "W")}


def test_all_three_models_are_the_three_named_together():
    text = ("Quillon unveils three phones\n\nQuillon today unveiled the Nimbus Lite, the Nimbus Pro and the Nimbus "
            "Ultra. The Nimbus Ultra has a 6.8-inch display.\n\nAll three models weigh 199 g.\n")
    weights = {f for f in _facts(text) if f[1] == "weight"}
    assert weights == {("Quillon Nimbus Lite", "weight", "199", "g"), ("Quillon Nimbus Pro", "weight", "199", "g"),
                       ("Quillon Nimbus Ultra", "weight", "199", "g")}


def test_a_coordinated_subject_shares_a_value_stated_once():
    text = ("Quillon unveils three phones\n\nQuillon today unveiled the Nimbus Lite, the Nimbus Pro and the Nimbus "
            "Ultra.\nThe Pro and the Ultra are rated IP68; the Lite is rated IP54.\n")
    assert _facts(text) == {("Quillon Nimbus Pro", "ingress_protection_rating", "IP68", ""),
                            ("Quillon Nimbus Ultra", "ingress_protection_rating", "IP68", ""),
                            ("Quillon Nimbus Lite", "ingress_protection_rating", "IP54", "")}


def test_values_paired_respectively_with_coordinated_products():
    text = ("Quillon unveils earbuds\n\nQuillon today unveiled the Nimbus Buds and the Nimbus Buds Studio. The Nimbus "
            "Buds and Nimbus Buds Studio offer up to 22 hours and 19 hours of playback respectively.\n")
    assert _facts(text) == {("Quillon Nimbus Buds", "battery_life", "22", "hours"),
                            ("Quillon Nimbus Buds Studio", "battery_life", "19", "hours")}


def test_a_product_in_parentheses_after_a_value_owns_it():
    text = ("Quillon unveils earbuds\n\nQuillon today unveiled the Nimbus Buds and the Nimbus Buds Studio. Battery "
            "life is up to 22 hours (Nimbus Buds) and up to 19 hours (Nimbus Buds Studio).\n")
    assert _facts(text) == {("Quillon Nimbus Buds", "battery_life", "22", "hours"),
                            ("Quillon Nimbus Buds Studio", "battery_life", "19", "hours")}


def test_a_product_after_for_owns_the_value_before_it():
    text = ("Quillon unveils scooters\n\nQuillon today unveiled the Vento and the Vento Trail, two electric "
            "scooters. The scooters weigh 17.5 kg for the Vento and 21 kg for the Vento Trail.\n")
    assert _facts(text) == {("Quillon Vento", "weight", "17.5", "kg"), ("Quillon Vento Trail", "weight", "21", "kg")}


def test_the_larger_and_the_smaller_model_are_resolved_by_display_size():
    text = ("Quillon unveils two tablets\n\nQuillon today unveiled the Slate 11 and the Slate 13. The Slate 11 has an "
            "11-inch display. The Slate 13 has a 13-inch display.\n\nThe larger model has a 10,000 mAh battery, "
            "while the smaller one weighs 480 g.\n")
    facts = {f for f in _facts(text) if f[1] in ("battery_capacity", "weight")}
    assert facts == {("Slate 13", "battery_capacity", "10000", "mAh"), ("Slate 11", "weight", "480", "g")}


def test_the_pro_and_the_cheaper_variant_are_resolved_by_the_variant_words():
    text = ("Quillon unveils two watches\n\nQuillon today unveiled the Orbit Active and the Orbit Active Pro. The Pro "
            "adds a 1.5-inch display; the cheaper variant keeps a 1.3-inch display.\n")
    assert _facts(text) == {("Quillon Orbit Active Pro", "display_size", "1.5", "inch"),
                            ("Quillon Orbit Active", "display_size", "1.3", "inch")}
    prices = ("Quillon unveils two watches\n\nQuillon today unveiled the Orbit Active and the Orbit Active Pro. The "
              "Pro costs EUR 399; the cheaper variant costs EUR 299.\n")
    assert {(s, v, u) for s, _, v, u in _facts(prices, "price")} == {("Quillon Orbit Active Pro", "399", "EUR"),
                                                                       ("Quillon Orbit Active", "299", "EUR")}


def test_a_product_after_a_possessive_brand_and_its_family_are_learnt():
    text = ("Quillon unveils two phones\n\nQuillon Devices today unveiled Quillon's Nimbus Air Pro, a flagship phone, "
            "together with the cheaper Nimbus Air. The Nimbus Air Pro costs EUR 899. The Nimbus Air costs "
            "EUR 649.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Nimbus Air Pro", "899", "EUR"),
                                                                     ("Quillon Nimbus Air", "649", "EUR")}
    launched = {f.subject.label for f in _run(text).facts if f.kind == "launch"}
    assert launched == {"Quillon Nimbus Air Pro", "Quillon Nimbus Air"}, launched


def test_a_spec_with_no_product_after_two_coordinated_products_is_unresolved():
    text = ("Quillon unveils two watches\n\nQuillon today unveiled the Orbit Active and the Orbit Active Pro "
            "smartwatches.\n\nThe watch has a 450 mAh battery.\n")
    assert _facts(text) == set()
    assert _unresolved(text) == {("battery_capacity", "450 mAh")}


def test_a_descriptor_the_text_cannot_resolve_is_unresolved():
    text = ("Quillon unveils two tablets\n\nQuillon today unveiled the Slate 11 and the Slate 13. The larger model "
            "has a 10,000 mAh battery.\n")
    assert _facts(text) == set()
    assert _unresolved(text) == {("battery_capacity", "10,000 mAh")}


def test_two_values_for_coordinated_products_without_respectively_are_unresolved():
    text = ("Quillon unveils phones\n\nQuillon today unveiled the Nimbus Air and the Nimbus Air Pro. The Nimbus Air "
            "and the Nimbus Air Pro have 6.1-inch and 6.7-inch displays.\n")
    assert _facts(text) == set()
    assert _unresolved(text) == {("display_size", "6.1-inch"), ("display_size", "6.7-inch")}


def test_one_price_for_coordinated_products_is_unresolved():
    text = "Quillon unveils two phones\n\nThe Nimbus Air and the Nimbus Air Pro start at EUR 599.\n"
    assert _facts(text, "price") == set()
    assert _unresolved(text) == {("price", "EUR 599")}


def test_a_name_without_digits_on_a_brands_product_line_has_the_brand_and_its_listed_price():
    text = ("Quillon launches the Quillon Vela 8 tablet\n\nQuillon today launched the Quillon Vela 8 tablet at "
            "EUR 399. Accessories sold separately include the Vela Folio Case at EUR 59 and the Vela Stylus at "
            "EUR 39.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Vela 8", "399", "EUR"),
                                                                     ("Quillon Vela Folio Case", "59", "EUR"),
                                                                     ("Quillon Vela Stylus", "39", "EUR")}


def test_a_list_of_charging_times_with_for_and_a_shared_gradient():
    text = ("Quillon unveils scooters\n\nQuillon today unveiled the Vento and the Vento Trail, two electric "
            "scooters. The Vento weighs 17.5 kg.\n\nBoth scooters can climb gradients of up to 12%. A full charge "
            "takes about 4 hours for the Vento and 6 hours for the Vento Trail.\n")
    facts = {f for f in _facts(text) if f[1] in ("maximum_gradient", "charging_time")}
    assert facts == {("Quillon Vento", "maximum_gradient", "12", "percent"),
                     ("Quillon Vento Trail", "maximum_gradient", "12", "percent"),
                     ("Quillon Vento", "charging_time", "4", "hours"),
                     ("Quillon Vento Trail", "charging_time", "6", "hours")}


def test_a_price_after_a_products_possessive_is_that_products_and_a_companys_is_no_price():
    text = ("Quillon unveils the Nimbus Air Pro\n\nQuillon today unveiled the Nimbus Air Pro at EUR 799, which "
            "undercuts the Talon Vista Max's EUR 899. The phone is backed by the company's EUR 500 trade-in "
            "offer.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Nimbus Air Pro", "799", "EUR"),
                                                                     ("Talon Vista Max", "899", "EUR")}


def test_a_product_named_without_digits_in_an_apposition_gets_its_prices_and_specs():
    text = ("Quillon raises new funds\n\nQuillon Devices sells home batteries. Its main product, Quillon Hearth, "
            "starts at EUR 5,900 and can be stacked to 24 kWh. A larger version is due in the spring at "
            "EUR 7,400.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Hearth", "5900", "EUR"),
                                                                     ("Quillon Hearth", "7400", "EUR")}
    assert _facts(text) == {("Quillon Hearth", "maximum_capacity", "24", "kWh")}


def test_prices_after_a_slash_and_a_price_for_phrase_belong_to_the_product_of_the_passage():
    text = ("Quillon tablet prices\n\nQuillon today launched the Quillon Vela 8 tablet.\n\nThe Vela 8 comes in "
            "a single 8GB+256GB configuration at EUR 399 (GBP 349 / SEK 4,490), and the UK price for the "
            "education model is GBP 299.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Vela 8", "399", "EUR"),
                                                                     ("Quillon Vela 8", "349", "GBP"),
                                                                     ("Quillon Vela 8", "4490", "SEK"),
                                                                     ("Quillon Vela 8", "299", "GBP")}


def test_the_two_companies_or_both_cameras_are_no_group_of_products():
    text = ("Quillon unveils two phones\n\nQuillon today unveiled the Nimbus Air and the Nimbus Air Pro.\n\nThe two "
            "companies agreed a 6.5-inch display supply deal. Both rear cameras shoot 50MP stills.\n")
    assert _facts(text) == set()
    assert _unresolved(text) == {("display_size", "6.5-inch"), ("camera_resolution", "50MP")}


def _launches(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject.label, f.metric or "", str(f.value)) for f in _run(text).facts if f.kind == "launch"}


def test_launch_dates_of_a_descriptor_go_to_the_product_it_picks_or_to_none():
    text = ("Quillon unveils two watches\n\nQuillon Devices today unveiled the Orbit Active and the Orbit Active Pro. "
            "The cheaper variant goes on sale on 2 April, while the Pro ships in May.\n")
    sales = {x for x in _launches(text) if x[1] != "launch_announced"}
    assert sales == {("Quillon Orbit Active", "launch_first_sale", "2024-04-02"),
                     ("Quillon Orbit Active Pro", "launch_shipping", "2024-05")}, sales
    open_ = ("Quillon unveils two tablets\n\nQuillon Devices today unveiled the Slate 11 and the Slate 13. The larger "
             "model ships in June.\n")
    assert {x for x in _launches(open_) if x[1] != "launch_announced"} == set()


def test_a_headline_verb_does_not_make_the_next_paragraphs_company_a_product():
    text = ("Quillon unveils two phones\n\nQuillon Devices today unveiled the Nimbus Air and the Nimbus Air Pro. The "
            "phones go on sale in Germany on 2 April.\n")
    sales = {x for x in _launches(text) if x[1] == "launch_first_sale"}
    assert sales == {("Quillon Nimbus Air", "launch_first_sale", "2024-04-02"),
                     ("Quillon Nimbus Air Pro", "launch_first_sale", "2024-04-02")}, sales


def test_a_learnt_name_followed_by_a_variant_word_is_a_variant_with_the_same_brand():
    text = ("Quillon tablets\n\nQuillon Devices today unveiled the Quillon Vela tablet at EUR 499. Buyers who want "
            "more can pick Vela Max, which costs EUR 699.\n")
    assert {(s, v, u) for s, _, v, u in _facts(text, "price")} == {("Quillon Vela", "499", "EUR"),
                                                                     ("Quillon Vela Max", "699", "EUR")}


def test_a_product_named_after_compared_with_is_not_the_owner_of_the_next_value():
    text = ("Quillon unveils two phones\n\nQuillon Devices today unveiled the Nimbus Air and the Nimbus Air Pro. The "
            "Nimbus Air Pro is thinner compared with the Nimbus Air and weighs 190 g.\n")
    assert _facts(text) == {("Quillon Nimbus Air Pro", "weight", "190", "g")}


def test_an_operating_system_named_in_prose_goes_to_each_product_of_the_group():
    text = ("Quillon unveils three phones\n\nQuillon today unveiled the Nimbus Lite, the Nimbus Pro and the Nimbus "
            "Ultra. The Nimbus Ultra has a 6.8-inch display.\n\nAll three models run Quillon OS 4.\n")
    systems = {f for f in _facts(text) if f[1] == "operating_system"}
    assert systems == {("Quillon Nimbus Lite", "operating_system", "Quillon OS 4", ""),
                       ("Quillon Nimbus Pro", "operating_system", "Quillon OS 4", ""),
                       ("Quillon Nimbus Ultra", "operating_system", "Quillon OS 4", "")}
