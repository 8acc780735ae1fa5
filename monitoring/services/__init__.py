"""Writes of the monitoring app with their rules, one module per area."""
