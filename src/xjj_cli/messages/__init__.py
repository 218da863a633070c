"""The message catalogue: every sentence xjj says, in the office's Chinese, by audience.

- ``validation``: the data's problems (``MESSAGES``, by stable code) and their pieces, the
  validation report's words;
- ``errors``: errors that stop a command, operating-system failures in words;
- ``cli``: the command line's own messages and ``xjj init``'s;
- ``rules``: each rule's words (``RULE_TEXTS``) and the tables filled from them;
- ``reports``: reportable months, drafts and 催报, the report tables, ``xjj status``, the
  problems ledger's views, ``xjj history``;
- ``bulletin``, ``notices``, ``board``: each document's words and file names;
- ``forms``: the fill-in workbooks, ``xjj import``, the origin check and the signing key;
- ``formats``: numbers and dates as the office writes them (61.3%, 2026年10月).

Import from the module that says it (``from xjj_cli.messages.forms import import_message``):
this package imports none of them, so a command loads only the words it says.
"""
