"""The shape of a table row flattened to single spaces, shared by the read stage and the extraction's layout view.

A table copied out of a page or a PDF often loses its column gaps: "Orvane 14.2 33.1% 13.0", "2. Helion Mobile
8.0 16.6% 7.9", "Gross margin 38.5% 36.1% 2.4 pts". The HTML reader keeps such lines together as a table's rows
(``graph/read/html.py``); the layout view classifies them as rows and never joins them to the prose around them
(``graph/extract/layout.py``). One definition, so the two agree on what a row is.
"""
from __future__ import annotations

import re

# an optional rank ("1.", "2)"), a label of letters (any script) up to 60 characters without digits, then two to
# twelve figures (a sign or an opening parenthesis, a currency sign, digits, a decimal, a percent sign, a closing
# parenthesis; a unit of points after a figure), then only "n/a", "n.m." or dashes to the end of the line
FLAT_ROW = re.compile(r"^(?:[1-9]\d?[.)][ \t]+)?[^\W\d_][^\d\n]{0,60}?"
                      r"(?:[ \t]+[-+(–−]?(?:[$€£¥₹][ \t]?)?\(?\d[\d,]*(?:\.\d+)?%?\)?(?:[ \t]+(?:pts?|pp|ppt|bps))?){2,12}"
                      r"(?:[ \t]+(?:n/?[am]\.?|[—–-]))*[ \t]*$", re.I)
