"""The append-only history of every proposal, request, answer, expiry and publication."""
