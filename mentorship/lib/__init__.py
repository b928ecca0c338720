"""Web helpers shared by features; no feature knowledge lives here."""
