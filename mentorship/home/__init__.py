"""The landing page: the community at a glance."""
