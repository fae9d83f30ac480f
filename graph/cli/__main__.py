"""`python -m marketgraph.graph.cli`: the same as the `marketgraph` command."""
from . import main

main()
