"""Use cases over a unit of work. Pure Python: no Qt here."""
