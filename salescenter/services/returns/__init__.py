"""Returns (RMA), exchanges and misships of shipped goods (RET-1..RET-6): ``desk.returns``.

The service lives in service.py; this package imports nothing at load so that the order
action table can read the return rules (rules.py) without a cycle.
"""
