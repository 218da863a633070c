"""Stage 1: read the data repository's files into records that remember their locations."""
