"""Stage 3: the rules of SPEC §3 — rankings, colours, department scores and escalation.

The engine never reads files and never prints: it takes a ``Dataset`` (plain records and
DataFrames made from a validated repository) and a month, and returns result objects.
"""
