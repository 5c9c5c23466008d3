"""Denominate: divide indicators by the iData column named in iMeta ``Denominator`` (COINr
``Denominate()`` with ``f_denom = "/"`` and no scale factor)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import Frame, IndexData, _blank
from ._params import StepError, check_keys


def validate(params: dict[str, Any]) -> dict[str, Any]:
    check_keys(params, set())
    return {}


def run(frame: Frame, data: IndexData, params: dict[str, Any]) -> tuple[Frame, dict[str, Any]]:
    meta = data.structure.meta
    denomby = {}
    if "Denominator" in meta.columns:
        denomby = {
            r["iCode"]: str(r["Denominator"]).strip()
            for r in meta.to_dict("records")
            if r["Type"] == "Indicator" and not _blank(r["Denominator"])
        }
    values = frame.values.copy()
    units = data.units.set_index(["Time", "uCode"] if frame.times is not None else "uCode")
    keys = (
        list(zip(frame.times, frame.ucodes, strict=True))
        if frame.times is not None
        else list(frame.ucodes)
    )
    dens = units.loc[keys, list(dict.fromkeys(denomby.values()))]
    for code, den in denomby.items():
        d = dens[den].to_numpy(dtype=float)
        zero = d == 0
        if zero.any():
            bad = frame.ucodes[np.flatnonzero(zero)[0]]
            raise StepError(
                f"denominate: denominator '{den}' is zero for unit '{bad}' (indicator '{code}')"
            )
        j = frame.columns.index(code)
        values[:, j] = values[:, j] / d
    return frame.with_values(values), {"Denominators": denomby}
