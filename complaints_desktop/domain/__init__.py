"""Domain layer: stdlib-only rules, vocabularies, calendar and deadlines."""
