"""Documents of invented companies for the ingest tests, in every format (HTML and PDF made here)."""
from __future__ import annotations

from pathlib import Path

PRESS = """{company} reports {quarter} results

{city}, {date_words} -- {company} ("{short}") today announced its unaudited results for the {quarter_words}.
Revenue reached RMB {revenue} billion, up {growth}% year over year. Adjusted net profit was RMB {profit} million.
Smartphone shipments reached {units} million units in the quarter.
"""


def press_release(i: int, company: str = "Quillfeather Devices Ltd") -> str:
    return PRESS.format(company=company, short=company.split()[0], city="Northton",
                        date_words=f"May {10 + i % 18}, 2021", quarter="Q1 2021",
                        quarter_words="first quarter of 2021", revenue=f"{10 + i}.{i % 10}",
                        growth=5 + i % 40, profit=100 + i, units=f"{2 + i % 9}.{i % 10}")


def html_page(text: str, title: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/ir'>Investor relations</a> | Careers | Contact</nav>"
            f"<article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright Quillfeather. Privacy policy | Terms of use | Cookie settings</footer></body></html>")


def pdf_bytes(*pages: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def mixed_folder(folder: Path, n: int = 10) -> Path:
    """``n`` files: text, Markdown, HTML and PDF in turn, one in a subfolder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sub").mkdir(exist_ok=True)
    for i in range(n):
        text = press_release(i, company=f"Quillfeather Unit{chr(65 + i)} Ltd")
        kind = i % 4
        if kind == 0:
            (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
        elif kind == 1:
            (folder / "sub" / f"r{i}.md").write_text(text, encoding="utf-8")
        elif kind == 2:
            (folder / f"r{i}.html").write_text(html_page(text.split("\n", 2)[2], text.split("\n", 1)[0]),
                                               encoding="utf-8")
        else:
            (folder / f"r{i}.pdf").write_bytes(pdf_bytes(text))
    return folder
