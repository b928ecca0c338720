"""A person's own data: downloading all of it, and deleting the account."""
