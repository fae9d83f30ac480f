"""The SPARQL query service: a guard that reads requests as the engine does (lexer, guard), lanes of worker
processes that can be stopped (service, pool, worker), and pyoxigraph's result writers (results).

Routers use :func:`marketgraph.api.sparql.service.attach` to get the app's :class:`QueryService`.
"""
