"""Stage 4: the engine's evidence in words, for every document and report.

The engine decides (``engine/rules/<rule_id>.py`` returns each breach and early warning with
a typed evidence record); this package says what it found, from the catalogue's words
(``messages.rules.RULE_TEXTS``). ``rules/<rule_id>.py`` holds one rule's sentence makers and
``rules/__init__.py`` the table from each evidence type to them; ``findings.py`` and
``warnings.py`` are what the documents (``bulletin/``, ``notices/``, ``board/``) and the
reports (``render/``) call. Nothing here imports from those stages above.
"""
