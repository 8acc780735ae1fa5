"""Printable documents of the monitoring app, one module per area, through p135portal.documents."""
