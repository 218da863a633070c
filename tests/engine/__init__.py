"""Tests of the engine (src/xjj_cli/engine/): each rule, its evidence, its edges, invariants."""
