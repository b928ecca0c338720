"""In-app notifications (a badge and a list) and the emails people chose to get."""
