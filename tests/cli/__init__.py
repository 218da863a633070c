"""Tests of the command line (src/xjj_cli/cli.py, commands/, i18n.py, memo.py, locate.py)."""
