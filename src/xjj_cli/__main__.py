"""Run the command line as ``python -m xjj_cli``."""

from xjj_cli.cli import main

main()
