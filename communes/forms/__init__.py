"""Forms of the registry, one module per area: the registry itself and its Excel imports."""
