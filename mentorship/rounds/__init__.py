"""Matching rounds: coordinators run the engine in the background, preview, edit and publish."""
