"""Writes of the trainings app with their rules, one module per area: plans, local plans, reports."""
