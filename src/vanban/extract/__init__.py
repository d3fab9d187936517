"""Field extractors: each a pure function from text (or a region) to a value."""
