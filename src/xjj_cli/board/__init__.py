"""The battle map (挂图作战图): the month on one page (SPEC §7)."""
