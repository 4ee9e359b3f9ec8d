"""Benchmarks at call-center scale: a generated data set and the figures measured on it."""
