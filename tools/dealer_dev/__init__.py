"""Developer tool of the dealer suite: set-up, run, test and lint (see README)."""
