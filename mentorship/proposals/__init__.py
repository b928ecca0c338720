"""Proposals and requests: participants accept or decline, and relationships start without overbooking."""
