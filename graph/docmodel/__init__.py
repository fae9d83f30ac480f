"""The document model: what a document is, read from its text — publication date, title markup, publisher,
research firm, role, market and category, fiscal calendar and reporting period, transcript turns.

Every cue is data in mappings/docmodel.yaml (compiled by ``graph.docmodel.rules.load_docmodel_rules``); the
modules here are small and general. graph/segment.py and graph/doccontext.py call them for each document.
"""
