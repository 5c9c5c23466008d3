"""Screen units by data availability (COINr ``Screen()``: ``byNA``, ``byzeros``, ``byNAandzeros``,
with forced inclusions and exclusions). Each row (a unit at one time point) is judged alone, as
COINr screens each coin of a purse separately."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..data import Frame, IndexData
from ._params import StepError, check_keys, choice, number, strings

BY = {"missing": "byNA", "zeros": "byzeros", "missing_and_zeros": "byNAandzeros"}


def validate(params: dict[str, Any]) -> dict[str, Any]:
    check_keys(params, {"min_availability", "by", "min_nonzero", "force_include", "force_exclude"})
    return {
        "min_availability": number(params, "min_availability", 2 / 3, lo=0, hi=1),
        "by": choice(params, "by", tuple(BY), "missing"),
        "min_nonzero": number(params, "min_nonzero", 0.05, lo=0, hi=1),
        "force_include": strings(params, "force_include"),
        "force_exclude": strings(params, "force_exclude"),
    }


def availability(values: np.ndarray) -> pd.DataFrame:
    """COINr ``get_data_avail()``: missing and zero counts per row, zeros as a share of the
    non-missing values."""
    k = values.shape[1]
    n_na = np.isnan(values).sum(axis=1)
    n_zero = (values == 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        non_zero = 1 - n_zero / (k - n_na)
    return pd.DataFrame(
        {
            "N_missing": n_na,
            "N_zero": n_zero,
            "N_miss_or_zero": n_na + n_zero,
            "Dat_Avail": 1 - n_na / k,
            "Non_Zero": non_zero,
        }
    )


def run(frame: Frame, data: IndexData, params: dict[str, Any]) -> tuple[Frame, dict[str, Any]]:
    tab = availability(frame.values)
    low_data = (tab["Dat_Avail"] < params["min_availability"]).to_numpy()
    low_nonzero = (tab["Non_Zero"] < params["min_nonzero"]).to_numpy()
    by = params["by"]
    excluded = {
        "missing": low_data,
        "zeros": low_nonzero,
        "missing_and_zeros": low_data | low_nonzero,
    }[by]
    included = ~excluded
    for key, value in (("force_include", True), ("force_exclude", False)):
        for u in params[key]:
            if u not in set(frame.ucodes):
                raise StepError(f"screen: {key} lists unit '{u}', which is not in the data")
            included[frame.ucodes == u] = value
    tab.insert(0, "uCode", frame.ucodes)
    if frame.times is not None:
        tab.insert(1, "Time", frame.times)
    tab["LowData"] = low_data
    tab["LowNonZero"] = low_nonzero
    tab["Included"] = included
    if not included.any():
        raise StepError("screen: every unit was screened out; lower min_availability")
    details = {"DataSummary": tab, "RemovedUnits": list(frame.ucodes[~included]), "Rule": BY[by]}
    return frame.take_rows(included), details
