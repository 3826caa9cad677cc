"""Rule-based extractors, one module per field family; each takes a Context."""
