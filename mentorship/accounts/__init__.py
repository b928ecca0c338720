"""Accounts: sign-up, sign-in, sessions, roles and password resets."""
