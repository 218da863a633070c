"""Stage 2: the cross-file checks of SPEC §2 over a loaded repository.

Each file was already checked alone by the loader; here records are checked against each
other: references, uniqueness across files, figures that must never decrease, plausibility,
and the office's acknowledged warnings. Every check appends to the repository's problem log
and never stops at the first one. ``run`` runs them (and keeps what they found for the next
run: ``kept``, ``incremental``); each module below it checks one thing.
"""

from xjj_cli.validate.references import known_metrics
from xjj_cli.validate.run import check_repository, validate_repository

__all__ = ["check_repository", "known_metrics", "validate_repository"]
