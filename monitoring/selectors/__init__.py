"""Reads of the monitoring app shared by pages, exports and printed documents, one module per area."""
