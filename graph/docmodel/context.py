"""The context of one document: title, genre, date, publisher, issuer, role, source, market, category, fiscal
calendar, reporting period and turns — each read by its own module, put together here in dependency order
(title before genre, genre before date and issuer, issuer before publisher and role)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .. import doccontext as dc
from ..doccontext import PartialDate
from ..issuer import find_issuer, organisation_by_name
from ..sources import SourceFile
from .aboutness import market_and_category, research_source, role
from .dates import publication_date
from .fiscal_text import fiscal_period, read_calendar
from .publisher import cited_firm, masthead, research_firm, site_name
from .titles import clean_title, markup_title
from .turns import find_turns

if TYPE_CHECKING:
    from ..segment import SegmentationRules


def _title(text: str, masked: str, start: int, end: int, dateline: Optional[tuple[int, int, dc.PartialDate]],
           rules: "SegmentationRules") -> Optional[tuple[int, int]]:
    """The headline: a markup heading, else the headline above the dateline, else the lead sentence after it."""
    ctx = rules.context
    span = markup_title(text, start, end, rules.docmodel.titles)
    if span is None:
        span = dc.find_title(masked, start, dateline[0] if dateline else end, ctx)
    if span is None and dateline:
        span = dc.lead_sentence(masked, dateline[1], end)
    if span is None:
        span = dc.salutation(masked, start, end, ctx)
    if span is None:
        span = dc.lead_sentence(masked, start, end)
    return span


def _same_company(a: str, b: str) -> bool:
    first = [w.lower().strip(",.") for w in (a.split()[:1] + b.split()[:1])]
    return len(first) == 2 and first[0] == first[1]


def read_context(text: str, masked: str, start: int, end: int, source: SourceFile,
                 rules: "SegmentationRules", title_at: Optional[tuple[int, int]] = None) -> dc.DocContext:
    """The context of the document [start, end); ``title_at`` bounds where its headline is looked for (the
    part of a joined document that has the dateline)."""
    ctx, dm = rules.context, rules.docmodel
    turns = find_turns(masked, start, end, dm.turns)
    dateline = dc.find_dateline(masked, start, min(end, start + ctx.genre_head_chars), ctx)
    title_span = _title(text, masked, *(title_at or (start, end)), dateline, rules)
    title = clean_title(text[title_span[0]:title_span[1]], dm.titles) if title_span else ""
    pub = publication_date(masked, start, end, "", dm.dates)
    genre = dc.detect_genre(masked, start, end, ctx, len(turns), dateline is not None or pub is not None, title)
    if genre == "earnings_call":
        pub = publication_date(masked, start, end, genre, dm.dates) or pub
    if pub is None and dateline is None and genre != "earnings_call":
        pub = _updated_date(text, masked, start, end, dm.dates)
    date = pub[1] if pub else (dateline[2] if dateline else None)
    if date is None and genre == "earnings_call":
        date = dc.call_date(masked, start, end, ctx)

    lead_start = dateline[1] if dateline else (title_span[1] if title_span else start)
    lead = (lead_start, min(end, lead_start + dm.aboutness.lead_chars))
    head_name = masthead(text, start, end, dm.publisher) or (masthead(text, 0, end, dm.publisher) if start else None)
    research = genre == "research_note"
    issuer = None
    if not research:
        self_name = head_name if genre in rules.self_published else None
        issuer = find_issuer(text, masked, start, end, title_span, lead_start, genre, self_name,
                             rules.gazetteer, rules.issuer)
    voice = role(genre, masked, start, end, dm.aboutness)
    site = None if source.publisher or head_name else site_name(text, start, end, dm.publisher)
    publisher = source.publisher or head_name or site
    if research and publisher is None:
        publisher = research_firm(masked, start, end, dm.publisher)
    if publisher is not None:
        known = organisation_by_name(publisher, rules.gazetteer)
        publisher = known.label if known else publisher
    if voice == "first_party" and issuer is not None and (publisher is None or (
            site is not None and _same_company(site, issuer.label))):
        publisher = issuer.label          # the company's own release (on its own site or newsroom)
    firm = research_source(publisher, ctx.legal_suffixes) if research and publisher else None
    cited = cited_firm(masked, *lead, dm.publisher) if genre == "news" else None
    if cited is not None:
        firm = research_source(cited, ctx.legal_suffixes)   # a story reporting a tracker: the firm is its source
    market, category = market_and_category(text, title, lead, genre, rules.gazetteer, dm.aboutness, cited is not None)
    fiscal = read_calendar(masked, start, end, dm.fiscal)
    if genre in rules.self_published and publisher and issuer is not None and not source.publisher \
            and not _same_company(publisher, issuer.label) \
            and not any(p.search(masked, start, end) for p in dm.aboutness.release_cues):
        genre, voice = "news", role("news", masked, start, end, dm.aboutness)   # someone else's page about it
    return dc.DocContext(title=title, genre=genre, date=date, publisher=publisher, issuer=issuer,
                         turns=turns if genre == "earnings_call" else (),
                         dateline_at=dateline[0] if dateline else None, role=voice, source=firm, market=market,
                         category=category, fiscal=fiscal, title_span=title_span, lead=lead)


def reporting_period(text: str, masked: str, start: int, end: int, c: dc.DocContext, rules: "SegmentationRules",
                     doc_date) -> None:
    """Fill ``c.period``: a fiscal period phrase when the calendar is fiscal, else a calendar one."""
    ctx = rules.context
    if c.genre not in ctx.period_genres or any(p.search(c.title) for p in ctx.no_period_titles):
        return
    stop = min(end, start + ctx.period_head_by_genre.get(c.genre, ctx.period_head_chars))
    if c.fiscal is not None and c.genre != "research_note":   # a note's periods are its market's, not fiscal
        c.period = fiscal_period(masked, start, stop, c.title_span, c.fiscal, rules.docmodel.fiscal)
    if c.period is None:
        c.period = dc.detect_period(masked, start, stop, ctx, c.genre, doc_date)


def _updated_date(text: str, masked: str, start: int, end: int, rules) -> Optional[tuple[int, PartialDate]]:
    """A page's "Updated: 24/07/2024" line (page chrome, masked) when nothing else dates the document -- only when
    no year the document's head mentions is more than a year before it (a transcript page updated years after its
    call is not dated by the update)."""
    pub = publication_date(text, start, end, "", rules)
    if pub is None or pub[1].year is None or masked[pub[0]:pub[0] + 1] != " ":
        return None
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", masked[start:min(end, start + 3000)])]
    return pub if all(y >= pub[1].year - 1 for y in years) else None
