"""marketgraph.api.browse: page data assembly for linked-data browsing, content negotiation, the lookup index."""
