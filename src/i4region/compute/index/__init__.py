"""Composite-indicator engine: COINr semantics in pure numpy/pandas/scipy (no Django).

Read iData/iMeta (:mod:`.data`), describe the steps (:mod:`.pipeline`), build an :class:`Index`,
analyse it (:mod:`.analysis`, :mod:`.weights`) and test its robustness (:mod:`.uncertainty`).
"""

from .data import IndexData, IndexInputError, load_index_data
from .pipeline import Index

__all__ = ["Index", "IndexData", "IndexInputError", "load_index_data"]
