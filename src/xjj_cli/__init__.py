"""xjj（新基建）: the monthly pipeline of a district's new-infrastructure command office."""

__version__ = "0.1.0"
