"""Helpers of tests/test_generality.py: a figure perturbation of source texts and gold rows, and pipeline runs."""
