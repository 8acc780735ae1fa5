"""Printable documents of the monitoring app, one module per area."""
