"""Reads of the monitoring app shared by pages, exports and documents, one module per area."""
