"""The curated topic list: stable slugs with labels in several languages."""
