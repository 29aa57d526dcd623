"""Reproducible measurements of selftrust at realistic data sizes."""
