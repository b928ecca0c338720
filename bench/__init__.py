"""Benchmarks; each prints figures and ratios against its targets."""
