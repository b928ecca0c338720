"""A cohort's end (its relationships asked to complete) and the outcome report of a program."""
