"""Demo data: a deterministic synthetic council's cases and contacts (plain Python).

Built only from the domain (every case by legal ``domain.workflow`` moves); written to a
database by ``services.demo`` and to files by ``bench/generate.py``. Kept out of
``domain`` because it is a generator of examples, not a rule of the product.
"""
