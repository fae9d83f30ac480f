"""Command help as the terminal should show it: a docstring's prose paragraphs re-flowed into one line each, so
that the help formatter wraps them to the terminal's width (Typer keeps a later paragraph's source line breaks,
which split sentences mid-line), and indented blocks (examples) kept line by line."""
from __future__ import annotations

import inspect

import typer


def reflow(doc: str) -> str:
    """Join the lines of each prose paragraph; keep paragraphs with indented lines (examples) as written."""
    out = []
    for para in inspect.cleandoc(doc).split("\n\n"):
        lines = para.split("\n")
        if any(line.startswith((" ", "\t")) for line in lines[1:]):
            out.append(para)
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def reflow_commands(app: typer.Typer) -> None:
    """Give every registered command re-flowed help (its ``help=`` or its callback's docstring)."""
    for info in app.registered_commands:
        doc = info.help if isinstance(info.help, str) else inspect.getdoc(info.callback) if info.callback else None
        if doc:
            info.help = reflow(doc)
