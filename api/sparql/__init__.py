"""The SPARQL query service: protocol parsing, guards, worker processes that can be stopped, result writers.

Routers use :func:`marketgraph.api.sparql.service.get_service`; other code may use :class:`QueryService` directly.
"""
