"""A seeded demo community to show the product and to test it."""
