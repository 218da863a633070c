"""Tests of the wording stage (src/xjj_cli/wording/): evidence said in the office's words."""
