"""A tenth rule, kept in the tests to show and to prove how a rule is added
(docs/adding-a-rule.md): ``rule.py`` is its engine module, ``words.py`` its wording,
``texts.py`` its catalogue entry, ``scenario/`` its scenario folder, and
``test_town_stalled.py`` registers them beside the nine rules of SPEC §3.3 — without a
change to ``engine/evaluate.py`` or to any document builder."""
