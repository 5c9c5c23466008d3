"""Pure computation: no Django, no database. Plain data in, plain data out."""
