"""marketgraph.graph: from source texts to a validated RDF graph (segment, extract, map, reason, validate, store, build)."""
