"""Tests of the load stage (src/xjj_cli/load/, regular.py): the readers, the cache, the map."""
