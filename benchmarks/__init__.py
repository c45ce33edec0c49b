"""Benchmarks: data generators and timing scripts (see docs/performance.md)."""
