"""Tests of the documents (src/xjj_cli/bulletin/, notices/, board/ and render/ that draws them)."""
