"""Reads of the trainings app, one module per area: plans, local plans, reports."""
