"""Headlines write changes in the present tense ("Shipments Slip 5%"): the verb's direction is the change's sign.
Sentences written for this test."""
from __future__ import annotations

import pytest

from test_extract_frames import facts_of


@pytest.mark.parametrize("headline, value", [
    ("Global smart speaker shipments slip 5% in the first quarter", "-5"),
    ("Tablet shipments tumble 12% in the first quarter", "-12"),
    ("Wearable shipments rebound 7% in the first quarter", "7"),
    ("Smartwatch shipments slump 9% in the first quarter", "-9"),
])
def test_a_headline_verb_gives_the_changes_sign(headline, value):
    changes = [str(f.value) for f in facts_of(headline + ".", genre="research_note", issuer=None, role="third_party",
                                              market="world") if f.kind == "change"]
    assert changes == [value], changes
