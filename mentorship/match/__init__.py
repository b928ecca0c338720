"""The `mentorship match` command: participants CSV in, proposed pairings out."""
