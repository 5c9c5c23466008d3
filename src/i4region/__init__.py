"""i4region: the working system of a regional Industry 4.0 advisory board."""

__version__ = "0.1.0"
