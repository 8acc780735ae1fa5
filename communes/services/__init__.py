"""Writes of the registry, with their rules. Views and commands call these."""

from communes.services.designations import designation_add, designation_end
from communes.services.units import units_load

__all__ = ["designation_add", "designation_end", "units_load"]
