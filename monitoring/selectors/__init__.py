"""Reads of the monitoring app shared by views, exports and documents, one module per area."""
