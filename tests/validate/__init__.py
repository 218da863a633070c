"""Tests of the validate stage (src/xjj_cli/validate/): scenario folders, warnings, warm runs."""
