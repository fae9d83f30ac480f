"""Helpers of tests/test_generality.py: a figure perturbation of texts and gold rows, and the issuer renamed."""
