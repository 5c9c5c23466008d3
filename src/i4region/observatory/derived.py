"""Moved to :mod:`i4region.compute.series`; initiatives.services still imports Point from here."""

from i4region.compute.series import Point

__all__ = ["Point"]
