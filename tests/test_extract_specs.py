"""Specification grammar and spec facts: values, spec keys from cue words, rejections, product attribution.

Sentences come from different corpus documents and from synthetic variants with other names and numbers.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketgraph.graph.extract.pipeline import extract_document
from marketgraph.graph.extract.specgrammar import (find_benchmark_scores, find_colours, find_specs,
                                                   load_spec_grammar)
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document

PATHS = ProjectPaths.default()


@pytest.fixture(scope="module")
def grammar():
    return load_spec_grammar(PATHS.mappings / "patterns" / "specs.yaml")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(PATHS.gazetteer)


def specs(text, grammar, **kw):
    return [(i.metric, i.value, i.unit) for i in find_specs(text, 0, grammar, **kw)]


def run(text, gazetteer, genre="product_release", date="2022-06-01"):
    doc = Document("t-doc", "adhoc/t.txt", 0, len(text), "t", genre, date=date, issuer=gazetteer.ref("xiaomi"))
    return extract_document(doc, text, gazetteer, only=["products", "specs"])


# -- grammar: values and keys ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Battery: 5,000mAh, with 67W wired charging, 67W wireless charging and 10W reverse wireless charging",
     [("battery_capacity", Decimal(5000), "mAh"), ("wired_charging_power", Decimal(67), "W"),
      ("wireless_charging_power", Decimal(67), "W"), ("reverse_wireless_charging_power", Decimal(10), "W")]),
    ("as well as 120 watts wired and 50 watts wireless fast charger",
     [("wired_charging_power", Decimal(120), "W"), ("wireless_charging_power", Decimal(50), "W")]),
    ("The handset carries a 4,380mAh cell and supports 90W fast charging.",
     [("battery_capacity", Decimal(4380), "mAh"), ("wired_charging_power", Decimal(90), "W")]),
])
def test_battery_and_charging(grammar, text, expected):
    assert specs(text, grammar) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rear cameras: 50MP Samsung ISOCELL GN2 main sensor (1/1.12-inch, f/1.95, OIS); 48MP ultra-wide",
     [("main_camera_resolution", Decimal(50), "MP"), ("main_camera_sensor_size", "1/1.12", "inch"),
      ("main_camera_aperture", "f/1.95", None), ("main_camera_stabilisation", "OIS", None),
      ("ultra_wide_camera_resolution", Decimal(48), "MP")]),
    ("Mi CC9 Pro sports a penta camera setup that includes a 12MP telephoto camera, a 20MP ultra wide-angle "
     "camera, and a 2MP macro camera.",
     [("rear_camera_setup", "penta camera", None), ("telephoto_camera_resolution", Decimal(12), "MP"),
      ("ultra_wide_camera_resolution", Decimal(20), "MP"), ("macro_camera_resolution", Decimal(2), "MP")]),
    ("Front camera: 32MP", [("front_camera_resolution", Decimal(32), "MP")]),
    ("a 64MP periscope telephoto with 3x optical and up to 60x digital zoom",
     [("telephoto_camera_resolution", Decimal(64), "MP"), ("optical_zoom", Decimal(3), "x"),
      ("digital_zoom", Decimal(60), "x")]),
])
def test_camera_roles(grammar, text, expected):
    assert specs(text, grammar) == expected


@pytest.mark.parametrize("text, expected", [
    ("Display: 6.81-inch WQHD+ (3200 x 1440) E4 AMOLED, 120Hz refresh rate, up to 1,700 nits peak brightness",
     [("display_size", Decimal("6.81"), "inch"), ("display_resolution", "3200 x 1440", "pixels"),
      ("display_type", "E4 AMOLED", None),
      ("display_refresh_rate", Decimal(120), "Hz"), ("display_peak_brightness", Decimal(1700), "nits")]),
    ("Rear display: 1.1-inch AMOLED (126 x 294), up to 450 nits",
     [("rear_display_size", Decimal("1.1"), "inch"), ("rear_display_type", "AMOLED", None),
      ("rear_display_resolution", "126 x 294", "pixels"),
      ("rear_display_peak_brightness", Decimal(450), "nits")]),
    ("a 6.47’’ 19.5:9 Full-HD Display", [("display_size", Decimal("6.47"), "inch"),
                                        ("display_aspect_ratio", "19.5:9", None),
                                        ("display_resolution", "Full-HD Display", None)]),
])
def test_display(grammar, text, expected):
    assert specs(text, grammar) == expected


@pytest.mark.parametrize("text", [
    "The main sensor is 389% larger than the 48MP camera.",
    "twice as large as the mainstream 64MP cameras",
    "This image sensor is capable of producing 108MP photos.",
    "Using the bundled 67W charger, the battery fills quickly.",
    "It was the first smartphone to exceed the standard 16:9 aspect ratio.",
])
def test_comparisons_and_accessories_are_not_specs(grammar, text):
    assert [m for m, _, _ in specs(text, grammar) if m.endswith(("resolution", "power", "aspect_ratio"))] == []


def test_variant_lists_in_price_sentences_are_not_specs(grammar):
    text = "Mi TV 5 Pro 55’’, 65’’ and 75’’ variants will be priced at RMB 3699, RMB 4999, and RMB 9999"
    assert specs(text, grammar, price_sentence=True) == []
    assert specs("the 12GB+256GB model sells for EUR 1,199", grammar, price_sentence=True) == []
    assert specs("the top-tier 12GB+512GB memory and storage combination", grammar) == [
        ("memory_configuration", "12GB+512GB", None)]


def test_hedges_are_kept(grammar):
    items = find_specs("a screen-to-body ratio of more than 180.6%", 0, grammar)
    assert [(i.metric, i.value, i.hedge) for i in items] == [("screen_to_body_ratio", Decimal("180.6"), "more than")]
    items = find_specs("up to 1,200 nits", 0, grammar)
    assert items[0].hedge == "up to"


def test_offsets_are_absolute(grammar):
    text = "xx Weight: 198g"
    items = find_specs(text[3:], 3, grammar)
    assert [(text[i.start:i.end], i.metric) for i in items] == [("198g", "weight")]


@pytest.mark.parametrize("text, expected", [
    ("Three color variants Aurora Green, Glacier White and Midnight Black will be available",
     ["Aurora Green", "Glacier White", "Midnight Black"]),
    ("In India the phone comes in Ceramic Black and Ceramic White.", ["Ceramic Black", "Ceramic White"]),
    ("The Black Friday sale starts soon.", []),
])
def test_colours(grammar, text, expected):
    assert [c.value for c in find_colours(text, 0, grammar)] == expected


@pytest.mark.parametrize("text, expected", [
    ("It also surged to the top of DxOMark camera rankings with an overall score of 121 and broke the record "
     "for video segment with a world’s highest score of 104.", [(Decimal(121), "overall"), (Decimal(104), "video")]),
    ("The camera system scored 143 points on DXOMARK, placing it first.", [(Decimal(143), "overall")]),
    ("The phone scored an unbelievable 88 in DxOMark's sub-test 'Selfie'.", [(Decimal(88), "selfie")]),
    ("The phone scored 143 points in our own lab test.", []),
])
def test_benchmark_scores(grammar, text, expected):
    assert [(s.value, s.aspect) for s in find_benchmark_scores(text, 0, grammar)] == expected


# -- facts: attribution to products ---------------------------------------------------------------------------

def _by_subject(result):
    return sorted((f.subject.label, f.metric, str(f.value)) for f in result.facts if f.kind == "spec")


def test_both_share_gives_the_spec_to_each_product(gazetteer):
    text = ("The Redmi 77X Pro runs on the Snapdragon 8 and pairs it with a 200MP main camera, while the "
            "Redmi 77X uses the Dimensity 9000 with a 64MP main camera. Both share a 6.5-inch display and "
            "a 5,100mAh battery.")
    got = _by_subject(run(text, gazetteer))
    assert ("Redmi 77X Pro", "main_camera_resolution", "200") in got
    assert ("Redmi 77X", "main_camera_resolution", "64") in got
    assert ("Redmi 77X", "processor", "Dimensity 9000") in got
    for name in ("Redmi 77X Pro", "Redmi 77X"):
        assert (name, "display_size", "6.5") in got and (name, "battery_capacity", "5100") in got


def test_spec_sheet_bullets_take_the_heading_product(gazetteer):
    text = ("Galaxy Q42 Ultra – key specifications\n• Display: 6.9-inch AMOLED, 144Hz refresh rate\n"
            "• Battery: 5,500mAh\n• Weight: 228g\n")
    got = _by_subject(run(text, gazetteer))
    assert got == [("Galaxy Q42 Ultra", "battery_capacity", "5500"), ("Galaxy Q42 Ultra", "display_refresh_rate", "144"),
                   ("Galaxy Q42 Ultra", "display_size", "6.9"), ("Galaxy Q42 Ultra", "display_type", "AMOLED"),
                   ("Galaxy Q42 Ultra", "weight", "228")]


def test_respectively_pairs_products_and_values(gazetteer):
    text = "For storage, Mi TV 5 and Mi TV 5 Pro both provide memory of 2GB+16GB and 4GB+64GB respectively."
    got = _by_subject(run(text, gazetteer))
    assert got == [("Mi TV 5", "memory_configuration", "2GB+16GB"), ("Mi TV 5 Pro", "memory_configuration", "4GB+64GB")]


def test_comparison_product_is_not_the_subject(gazetteer):
    text = "Mi MIX Alpha uses the same Snapdragon 855+ mobile SoC as the Mi 9 Pro 5G and a 4,050mAh battery."
    got = _by_subject(run(text, gazetteer))
    assert [s for s, m, _ in got if m == "battery_capacity"] == ["Mi MIX Alpha"]


def test_benchmark_score_is_a_metric_with_the_benchmark_as_source(gazetteer):
    text = "Mi CC9 Pro Premium Edition achieved a DxOMark score of 121 for overall camera performance."
    facts = [f for f in run(text, gazetteer).facts if f.kind == "metric"]
    assert [(f.subject.key, f.value, f.unit, f.source.key, f.qualifier("aspect")) for f in facts] == [
        ("mi-cc9-pro-premium-edition", Decimal(121), "points", "dxomark", "overall")]


def test_every_quote_is_the_text_at_its_offsets(gazetteer):
    text = "Mi Watch offers up to 10 pro-sport modes, a 1.78’’ AMOLED screen and 326 PPi pixel density."
    for f in run(text, gazetteer).facts:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote


# -- property: generated spec sentences -----------------------------------------------------------------------

TEMPLATES = [
    "The {p} packs a {b}mAh battery and {w}W fast charging.",
    "With {w}W wired charging, the {p} also carries a {b}mAh battery.",
    "• Battery: {b}mAh, with {w}W wired charging",
    "{p} comes with a {b}mAh battery; it supports {w} watts wired charging.",
]


@settings(max_examples=60, deadline=None)
@given(b=st.integers(1000, 9999), w=st.integers(5, 240), t=st.sampled_from(TEMPLATES),
       p=st.sampled_from(["Redmi 12C", "Galaxy M33", "Mi 13 Lite"]), sep=st.booleans())
def test_generated_battery_and_charging_sentences(grammar, b, w, t, p, sep):
    btxt = f"{b:,}" if sep else str(b)
    items = find_specs(t.format(p=p, b=btxt, w=w), 0, grammar)
    got = {(i.metric, i.value) for i in items}
    assert got == {("battery_capacity", Decimal(b)), ("wired_charging_power", Decimal(w))}


@settings(max_examples=60, deadline=None)
@given(mp=st.lists(st.integers(2, 200), min_size=3, max_size=3),
       roles=st.permutations(["ultra-wide", "telephoto", "macro"]))
def test_generated_camera_lists(grammar, mp, roles):
    text = ", ".join(f"a {v}MP {r} camera" for v, r in zip(mp, roles))
    items = find_specs("It includes " + text + ".", 0, grammar)
    key = {"ultra-wide": "ultra_wide", "telephoto": "telephoto", "macro": "macro"}
    assert [(i.metric, i.value) for i in items] == [(f"{key[r]}_camera_resolution", Decimal(v))
                                                    for v, r in zip(mp, roles)]


@pytest.mark.parametrize("text, expected", [
    ("The device also boasts NFC function, and supports WiFi and Bluetooth connection.",
     [("feature", "NFC", None), ("connectivity", "WiFi and Bluetooth", None)]),
    ("The band comes with Bluetooth 5.2 and a built-in six-axis sensor.",
     [("connectivity", "Bluetooth 5.2", None), ("motion_sensor", "six-axis sensor", None)]),
    ("New products can be connected to Wi-Fi easily.", []),
    ("Equipped with a 3rd generation heart rate monitor (HRM) sensor, it tracks sleep.",
     [("heart_rate_sensor", "3rd generation heart rate monitor (HRM) sensor", None)]),
])
def test_feature_texts(grammar, text, expected):
    assert specs(text, grammar) == expected


def test_same_value_as_a_compared_product(gazetteer):
    text = "Mi MIX Alpha uses the same flagship-grade Snapdragon 855+ mobile SoC as the Mi 9 Pro 5G."
    got = _by_subject(run(text, gazetteer))
    assert got == [("Mi 9 Pro 5G", "processor", "Snapdragon 855+"), ("Mi MIX Alpha", "processor", "Snapdragon 855+")]
    text2 = "The Redmi 77X has a 5,000mAh battery, larger than the Redmi 76X."
    assert {s for s, _, _ in _by_subject(run(text2, gazetteer))} == {"Redmi 77X"}


@pytest.mark.parametrize("text, expected", [
    ("It runs on the Snapdragon 8 Gen 1 with a 50-megapixel main camera and weighs 190 grams.",
     [("processor", "Snapdragon 8 Gen 1", None), ("main_camera_resolution", Decimal(50), "MP"),
      ("weight", Decimal(190), "g")]),
    ("Processor: A15 Bionic; Weight: 174g", [("processor", "A15 Bionic", None), ("weight", Decimal(174), "g")]),
])
def test_other_writings(grammar, text, expected):
    assert specs(text, grammar) == expected


def test_materials_display_forms_and_sizes_in_names(grammar, gazetteer):
    assert specs("crafted with a combination of titanium alloy, ceramics and sapphire", grammar) == [
        ("build_materials", "titanium alloy, ceramics and sapphire", None)]
    assert specs("Both share a 6.67-inch E4 AMOLED display", grammar) == [
        ("display_size", Decimal("6.67"), "inch"), ("display_type", "E4 AMOLED display", None)]
    text = "We launched Xiaomi Mi TV LUX 65-inch OLED in the quarter."
    got = _by_subject(run(text, gazetteer))
    assert got == [("Mi TV LUX 65-inch OLED", "display_size", "65")]


def test_display_form_not_from_generic_mentions(grammar):
    assert specs("The technology breaks the limit of curved screen design.", grammar) == []
    assert specs("It has the flagship two-sided curved screen.", grammar) == [("display_type", "two-sided curved screen", None)]


def test_all_variants_means_the_series(gazetteer):
    text = "All Mi TV 5 variants are enabled with a Far-field Voice Recognition technology."
    assert _by_subject(run(text, gazetteer)) == [("Mi TV 5 series", "voice_control", "Far-field Voice Recognition")]


@pytest.mark.parametrize("text, expected", [
    # panel technology right after a size, in prose and in a spec-sheet line without a noun after it
    ("Featuring a flagship 1.78’’ AMOLED square screen, Mi Watch offers an immersive viewing experience",
     [("display_size", Decimal("1.78"), "inch"), ("display_type", "AMOLED square screen", None)]),
    ("Display: 6.81-inch WQHD+ (3200 x 1440) E4 AMOLED", [("display_size", Decimal("6.81"), "inch"),
                                                         ("display_resolution", "3200 x 1440", "pixels"),
                                                         ("display_type", "E4 AMOLED", None)]),
    ("The Aster 9 has a 6.1-inch LTPO OLED display.",
     [("display_size", Decimal("6.1"), "inch"), ("display_type", "LTPO OLED display", None)]),
    ("Screen: 10.4 inch IPS LCD", [("display_size", Decimal("10.4"), "inch"), ("display_type", "IPS LCD", None)]),
    # no display word before a bare panel name, or a TV product class: not a panel spec
    ("Sales of OLED TVs doubled in the quarter.", []),
    ("The company builds OLED production lines.", []),
])
def test_panel_types(grammar, text, expected):
    assert specs(text, grammar) == expected


@pytest.mark.parametrize("text, expected", [
    ("The main 108MP camera sports a 1/1.33-inch large sensor –  389% larger than the 48MP camera.",
     ("relative_size", Decimal(389), "percent", "the 48MP camera")),
    ("The alloy is three times stronger than stainless steel but weighs less.",
     ("relative_strength", Decimal(3), "x", "stainless steel")),
    ("a 1/1.33’’ large image sensor – twice as large as the mainstream 48MP cameras.",
     ("relative_size", Decimal(2), "x", "the mainstream 48MP cameras")),
    ("allowing a 63% improvement of overall performance compared to its predecessor, while",
     ("relative_performance", Decimal(63), "percent", "its predecessor")),
    # synthetic variants: other numbers, properties and word order
    ("Its new glass is 4x tougher than the previous generation.",
     ("relative_strength", Decimal(4), "x", "the previous generation")),
    ("The panel, 25% brighter than the Aster 8 panel, reaches 2,000 nits.",
     ("relative_brightness", Decimal(25), "percent", "the Aster 8 panel")),
    ("a 40% increase in graphics performance over the last model",
     ("relative_graphics_performance", Decimal(40), "percent", "the last model")),
])
def test_relative_properties(grammar, text, expected):
    got = [(i.metric, i.value, i.unit, i.versus) for i in find_specs(text, 0, grammar) if i.rule.startswith("relative")]
    assert got == [expected]


@pytest.mark.parametrize("text", [
    "Shipments were 64.7% more than the 28.3 million phones it shipped in April-June.",
    "Revenue grew 30% faster than the market.",
    "The fund is three times larger.",
])
def test_relative_properties_need_a_physical_comparison(grammar, text):
    assert [i for i in find_specs(text, 0, grammar) if i.rule.startswith("relative")] == []


def test_relative_property_facts_name_what_they_compare_with(gazetteer):
    text = ("The Redmi 77X Pro has a 200MP main camera. Its main sensor is 2.5 times larger than the "
            "sensor of the Redmi 76X.")
    got = [f for f in run(text, gazetteer).facts if f.metric == "relative_size"]
    assert [(f.subject.label, str(f.value), f.unit, dict(f.qualifiers)["compared_to"]) for f in got] == [
        ("Redmi 77X Pro", "2.5", "x", "the sensor of the Redmi 76X")]


@pytest.mark.parametrize("text, expected", [
    ("The camera also supports new technologies such as ISOCELL Plus and smart ISO, and is equipped with OIS.",
     [("technologies", "ISOCELL Plus and smart ISO", None), ("camera_stabilisation", "OIS", None)]),
    ("The tablet offers advanced features such as Smart Pen support and split screen.",
     [("features", "Smart Pen support and split screen", None)]),
    ("A brand-new display acoustic technology replaces the traditional earpiece receiver and proximity sensor.",
     [("earpiece", "display acoustic technology", None)]),
    ("Its under-display camera system replaces the notch.", [("notch", "under-display camera system", None)]),
    ("An ultrasonic sensor takes the place of the physical fingerprint reader.",
     [("fingerprint_sensor", "ultrasonic sensor", None)]),
    ("It supports 5G bands of the three major carriers in Mainland China.",
     [("cellular_5g", "5G bands of the three major carriers in Mainland China", None)]),
    ("The Redmi 77X supports dual-mode 5G, and 33W fast charging.",
     [("cellular_5g", "dual-mode 5G", None), ("wired_charging_power", Decimal(33), "W")]),
    ("The device also boasts independent speakers.", [("audio_hardware", "independent speakers", None)]),
    ("We will ship more models that support 5G next year.", []),
    ("Audio: dual stereo speakers tuned by JBL", [("audio_hardware", "dual stereo speakers", None),
                                                 ("audio_tuning", "JBL", None)]),
    # not specs: activities listed "such as", users of speakers, microphones without a kind
    ("Mi Watch offers up to 10 pro-sport modes such as outdoor running, outdoor biking.",
     [("sport_modes", Decimal(10), "modes")]),
    ("The monthly active users of smart speakers exceed 78 million.", []),
    ("Built-in microphones are located right in the middle of the bottom frame.", []),
    ("5G smartphone shipments replaced the traditional 4G models.", []),
])
def test_described_features(grammar, text, expected):
    assert specs(text, grammar) == expected


def test_battery_life_and_values_as_written(grammar, gazetteer):
    assert [(i.metric, i.value, i.unit, i.hedge) for i in find_specs(
        "The Aster Band 4 has a 1.6-inch display and a battery that lasts up to 14 days.", 0, grammar)] == [
        ("display_size", Decimal("1.6"), "inch", None), ("battery_life", Decimal(14), "days", "up to")]
    assert specs("It offers a battery life of 20 hours.", grammar) == [("battery_life", Decimal(20), "hours")]
    assert specs("The battery lasts longer.", grammar) == []
    # a canonical value keeps the words as written in qualifier text
    text = "The Redmi 77X has a 64MP main camera with optical image stabilisation."
    got = [f for f in run(text, gazetteer).facts if f.metric == "main_camera_stabilisation"]
    assert [(f.value, f.qualifier("text")) for f in got] == [("OIS", "optical image stabilisation")]


@pytest.mark.parametrize("text, expected", [
    ("Mi MIX Alpha ditches the physical side buttons altogether.", [("side_buttons", "none", None)]),
    ("The new model does away with the headphone jack.", [("headphone_jack", "none", None)]),
    ("Lumora dropped the notch on its Aster X3.", [("notch", "none", None)]),
    ("The company dropped its price target.", []),
])
def test_removed_parts(grammar, text, expected):
    assert specs(text, grammar) == expected


def _find(text):
    import yaml as _yaml
    from marketgraph.graph.extract.specgrammar import build_spec_grammar, find_specs
    from marketgraph.graph.paths import ProjectPaths as _P
    g = build_spec_grammar(_yaml.safe_load((_P.default().mappings / "patterns" / "specs.yaml").read_text("utf-8")))
    return [(i.metric, str(i.value), i.unit, None if i.low is None else str(i.low)) for i in find_specs(text, 0, g)]


@pytest.mark.parametrize("text, expected", [
    ("Display: 6.4-inch OLED, 10-120Hz", [("display_size", "6.4", "inch", None), ("display_type", "OLED", None, None),
                                          ("display_refresh_rate", "120", "Hz", "10")]),
    ("Charging: 45W wired, 15W wireless", [("wired_charging_power", "45", "W", None),
                                           ("wireless_charging_power", "15", "W", None)]),
    ("The new fan cuts noise to 41 dB(A).", [("noise_attenuation", "41", "dB(A)", None)]),
    ("It is lighter than its rival, shaving almost 150 grams.", []),
    ("The 65-inch set follows in July.", []),
    ("Both bikes use a 250 W mid-drive motor.", [("motor_power", "250", "W", None)]),
    ("The dual-motor version has a combined output of 310 kW.", [("power_output", "310", "kW", None)]),
    ("It takes up to 250 kW at a fast charger.", [("wired_charging_power", "250", "kW", None)]),
    ("The hatchback is 4,310 mm in length and has a 2,720 mm wheelbase.",
     [("length", "4310", "mm", None), ("wheelbase", "2720", "mm", None)]),
    ("Memory: 6GB or 8GB RAM; 256GB or 1TB storage",
     [("ram", "6", "GB", None), ("ram", "8", "GB", None), ("storage", "256", "GB", None), ("storage", "1", "TB", None)]),
    ("The 8GB model sold out.", []),
    ("It reaches 1,500 nits for the 50-inch.", [("display_peak_brightness", "1500", "nits", None)]),
])
def test_ranges_label_cues_weighted_decibels_and_differences(text, expected):
    assert _find(text) == expected
