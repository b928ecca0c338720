"""Participants files into and out of a program: a checked preview, one confirmed import, the export."""
