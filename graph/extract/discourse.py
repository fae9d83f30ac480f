"""The discourse state of a document: what the text is currently about, carried across sentences.

Walking the document in order, the state remembers the entities named (for pronouns: "its shares jumped 28%"),
the period a fronted phrase or a heading set ("In the second half, ..."; "FIRST HALF 2023"), the modality a
section heading set ("Business Outlook"), and the subject a heading or a "Label:" line set for what follows
("Consumer Audio: Sales of ... declined"). A paragraph break ends what a sentence set; a heading ends what the
previous heading set.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..records import EntityRef, Period

if TYPE_CHECKING:
    from .expectations import Stated
    from .framemodel import Frame

SUBJECT_KINDS = ("organisation", "segment", "platform", "product", "series", "brand", "fund", "market", "group")


@dataclass
class Named:
    ref: EntityRef
    pos: int
    paragraph: int


@dataclass
class Discourse:
    named: list[Named] = field(default_factory=list)
    paragraph: int = 0
    paragraph_period: Optional[Period] = None
    section_period: Optional[Period] = None
    section_modality: Optional[str] = None
    section_subject: Optional[EntityRef] = None
    section_start: int = 0
    lead_period: Optional[Period] = None               # the quarter a report on a half leads its body with
    period_headings: int = 0                           # headings that named a period other than the document's
    last_subject: Optional[EntityRef] = None
    last_subject_paragraph: int = -1
    last_subject_how: str = ""
    last_subject_metric: Optional[str] = None
    paragraph_market: Optional[EntityRef] = None       # a market the paragraph named explicitly
    carried_period: Optional[Period] = None           # the period the paragraph's last figure was stated for
    outlook_period: Optional[Period] = None           # the period the paragraph's last outlook was stated for
    last_market: Optional[EntityRef] = None            # the market named last ("there" refers to it)
    note_market: Optional[EntityRef] = None            # the market a passage on a market set for vendors' figures
    paragraph_markets: int = 0                         # how many different markets the paragraph's figures named
    note_paragraph: int = -1                           # the paragraph that set the note market

    note_period: Optional[Period] = None               # the period the passage that set the note market states
    actual: Optional["Stated"] = None                   # the paragraph's last actual figure (an expectation's measure)
    outlooks: list["Stated"] = field(default_factory=list)   # the document's outlook figures so far (the last few)

    def stated(self, fr: "Frame") -> None:
        """A figure read: an actual level is the paragraph's last; an outlook joins the document's outlooks."""
        from .expectations import stated_of
        st = stated_of(fr)
        if st is None or fr.figure.role != "level":
            return
        if fr.modality is None:
            self.actual = st
        elif fr.modality in ("guidance", "target"):
            self.outlooks.append(st)
            del self.outlooks[:-8]

    def set_note_market(self, market: EntityRef, lead_only: bool, period: Optional[Period] = None) -> None:
        """The market a passage sets for the vendor figures that follow (and the period it states). In a note on a
        market (``lead_only``) the first a paragraph sets holds: one it names later ("In the U.S., shipments rose
        4%") is a part of the note, not its market; a speaker walking through markets one by one sets each in turn."""
        if not lead_only or self.note_paragraph != self.paragraph:
            self.note_market, self.note_paragraph, self.note_period = market, self.paragraph, period
        elif self.note_period is None and self.note_market is not None and self.note_market.key == market.key:
            self.note_period = period

    def carry(self, period: Period, reported: Optional[Period]) -> None:
        """The period a figure was stated for carries to the paragraph's next figures -- unless it is a year to
        date in a report on a quarter ("For the nine months, revenue stood at ... The average selling price was
        ..."): an aside; the text returns to the quarter."""
        if not _aside(period, reported):
            self.carried_period = period

    def front(self, period: Period, reported: Optional[Period]) -> None:
        """A period fronted in a sentence ("In the second half, ...") holds for the paragraph -- a year to date in
        a report on a quarter only for its sentence."""
        if not _aside(period, reported):
            self.paragraph_period = period

    # -- structure --------------------------------------------------------------------------------------------
    def new_paragraph(self) -> None:
        self.paragraph += 1
        self.paragraph_period = None
        self.paragraph_market = None
        self.paragraph_markets = 0
        self.carried_period = None
        self.outlook_period = None
        self.actual = None

    def heading(self, pos: int, period: Optional[Period], modality: Optional[str],
                subject: Optional[EntityRef], keep_modality: bool = False, keep_note: bool = False) -> None:
        """A heading starts a section: its period, modality and subject (each None when it names none); in a note
        on a market it ends the market a passage set (``keep_note``: a company's own document, whose headings are
        its structure: "Q&A", "Prepared remarks")."""
        self.new_paragraph()
        self.section_start = pos
        self.section_period = period
        if not keep_modality:
            self.section_modality = modality
        self.section_subject = subject
        if not keep_note:
            self.note_market, self.note_period = None, None

    def paragraph_market_named(self, market: EntityRef) -> None:
        """A figure of the paragraph names its market: the paragraph's market, unless the paragraph goes through
        several ("Kirrin ... in the Philippines. Sagara ... in Vietnam."): then each was one vendor's, none is the
        paragraph's."""
        if self.paragraph_market is None or self.paragraph_market.key != market.key:
            self.paragraph_markets += 1
        self.paragraph_market = market if self.paragraph_markets < 2 else None

    # -- entities ---------------------------------------------------------------------------------------------
    def mention(self, ref: EntityRef, pos: int) -> None:
        if ref.kind in SUBJECT_KINDS:
            self.named.append(Named(ref, pos, self.paragraph))
            if len(self.named) > 64:
                del self.named[:16]

    def antecedent(self, before: int, kinds: tuple[str, ...], exclude: tuple[str, ...] = (),
                   max_paragraphs: int = 2, skip_types: tuple[str, ...] = (),
                   skip=None) -> Optional[EntityRef]:
        """The last entity of one of ``kinds`` named before ``before`` within the last few paragraphs (passing over
        those of ``skip_types`` or for which ``skip`` says so: a research firm quoted is not what "the company" or
        "it" refers to)."""
        for n in reversed(self.named):
            if n.pos >= before:
                continue
            if self.paragraph - n.paragraph >= max_paragraphs:
                return None
            if n.ref.kind in kinds and n.ref.key not in exclude and not set(n.ref.types) & set(skip_types) and \
                    not (skip is not None and skip(n.ref, n.pos)):
                return n.ref
        return None

    def subject_set(self, ref: EntityRef, how: str, metric: Optional[str] = None) -> None:
        self.last_subject = ref
        self.last_subject_paragraph = self.paragraph
        self.last_subject_how = how
        self.last_subject_metric = metric

    def carried_subject(self, metric: Optional[str]) -> Optional[EntityRef]:
        """The subject the previous sentence of this paragraph named explicitly, for a figure of the same measure
        ("the gross margin of the segment reached 9.0%. The gross margins in Q1 and Q2 were 3.3% and 8.1%")."""
        if self.last_subject is not None and self.last_subject_paragraph == self.paragraph and \
                self.last_subject_how in ("explicit", "possessive", "of", "part", "pronoun", "list", "table", "heading",
                                     "market") and \
                metric is not None and metric == self.last_subject_metric:
            return self.last_subject
        return None

    @property
    def period(self) -> Optional[Period]:
        return self.paragraph_period or self.carried_period or self.section_period


def _aside(period: Period, reported: Optional[Period]) -> bool:
    """A year-to-date period (the first nine months) in a report on a quarter."""
    return period.kind == "ninemonths" and reported is not None and reported.kind == "quarter"


def closing_quarter(period: Period, reported: Optional[Period]) -> bool:
    """The period is the last quarter of the reported half or nine months (the quarter a Nordic-style interim
    report on January-June leads with), calendar or fiscal."""
    return period.kind == "quarter" and reported is not None and reported.kind in ("half", "ninemonths") and \
        period.end is not None and period.end == reported.end
