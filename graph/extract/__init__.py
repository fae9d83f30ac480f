"""Extraction: sentences -> mentions (gazetteer entities, quantities, periods) -> typed fact records."""
