"""Liveness and database readiness for load balancers and operators."""
