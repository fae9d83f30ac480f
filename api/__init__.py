"""marketgraph.api: the FastAPI application (SPARQL endpoint, linked-data pages, lookup, named queries)."""
