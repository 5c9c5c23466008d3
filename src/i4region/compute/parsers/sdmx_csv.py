"""SDMX-CSV parser (Eurostat's SDMX-CSV 1.0 and 2.0 exports).

1.0 starts with ``DATAFLOW`` (often followed by ``LAST UPDATE``); 2.0 starts with ``STRUCTURE,
STRUCTURE_ID`` and, when exported with labels, ``STRUCTURE_NAME`` followed by a label column after
every component (``geo,Geopolitical entity (reporting),...``). Labels may instead be folded into
the cells (``LT:Lithuania``). Per SDMX-CSV, dimensions come first, then ``TIME_PERIOD``, then
``OBS_VALUE``, then attributes; that order is how dimensions are told from attributes.
"""

from __future__ import annotations

import os
import re

import numpy as np

from ..messages import gettext_noop
from ._common import (
    FIXED_COLUMNS,
    FLAG_RE,
    ParsedTable,
    dataset_from_filename,
    long_frame,
    periods_at,
    strip_values,
    values_at,
)
from ._csv import Records, read_records
from ._errors import ParseError

_STRUCTURAL = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "LAST UPDATE"}
_GEO_NAMES = ("geo", "ref_area")
_FLOW = re.compile(r"^(?:[^:]+:)?([A-Za-z0-9_]+)")
#: CONF_STATUS codes that mean "not for publication"; shown as Eurostat's TSV flag "c".
_CONFIDENTIAL = {"C", "D", "N", "S"}


def dataset_from_flow(flow: str) -> str | None:
    """``ESTAT:ISOC_E_DII$DEFAULTVIEW(1.0)`` -> ``isoc_e_dii`` (Eurostat's bulk spelling)."""
    m = _FLOW.match(flow.strip())
    return m.group(1).lower() if m else None


def _split_labels(values: np.ndarray) -> tuple[np.ndarray, dict[str, str]] | None:
    """If every non-empty value is ``CODE:Label``, return (codes, {code: label}); else None."""
    import pandas as pd

    codes, uniques = pd.factorize(values)
    uniq = [str(u) for u in uniques]
    nonempty = [u for u in uniq if u.strip()]
    if not nonempty or not all(":" in u for u in nonempty):
        return None
    parts = [u.partition(":") for u in uniq]
    code_u = np.array([p[0].strip() for p in parts], dtype=object)
    labels = {p[0].strip(): p[2].strip() for p in parts if p[0].strip()}
    return code_u[codes], labels


def _pair_labels(codes: np.ndarray, labels: np.ndarray) -> dict[str, str]:
    import pandas as pd

    frame = pd.DataFrame({"c": codes, "l": labels}).drop_duplicates("c")
    return {
        str(c).strip(): str(lab).strip()
        for c, lab in zip(frame["c"], frame["l"], strict=True)
        if str(c).strip()
    }


def _components(
    path: str | os.PathLike[str], recs: Records
) -> tuple[str, list[tuple[str, int, int | None, str]]]:
    """Return (version, [(component id, code column, label column or None, concept label)])."""
    header = recs.header
    first = header[0].split(":", 1)[0].strip().upper()
    if first == "STRUCTURE":
        version = "2.0"
    elif first == "DATAFLOW":
        version = "1.0"
    else:
        raise ParseError(
            path,
            1,
            header[0],
            gettext_noop("bad header: SDMX-CSV starts with a DATAFLOW or STRUCTURE column"),
        )
    comps: list[tuple[str, int, int | None, str]] = []
    if version == "2.0" and len(header) > 2 and header[2].upper() == "STRUCTURE_NAME":
        i = 3
        if i < len(header) and header[i].upper() == "ACTION":
            i += 1
        if (len(header) - i) % 2:
            raise ParseError(
                path,
                1,
                header[-1],
                gettext_noop(
                    "bad header: labelled SDMX-CSV 2.0 needs a label column after every component"
                ),
            )
        for k in range(i, len(header), 2):
            comps.append((header[k], k, k + 1, header[k + 1]))
    else:
        for k, h in enumerate(header):
            name, _, concept = h.partition(":")
            if name.strip().upper() in _STRUCTURAL:
                continue
            comps.append((name.strip(), k, None, concept.strip()))
    return version, comps


def read_sdmx_csv(path: str | os.PathLike[str], *, keep_missing: bool = False) -> ParsedTable:
    """Parse SDMX-CSV 1.0/2.0, with labels (paired columns or ``CODE:Label`` cells) or without.

    Empty or ':' ``OBS_VALUE`` is no observation (kept, as NaN, only with ``keep_missing``).
    ``flag`` is ``OBS_FLAG`` (or ``OBS_STATUS``), plus ``c`` when ``CONF_STATUS`` marks the cell
    confidential, as Eurostat's TSV would show it. Labels go to ``ParsedTable.labels``.
    """
    import pandas as pd

    recs = read_records(path)
    header = recs.header
    version, comps = _components(path, recs)
    ids = [c[0] for c in comps]
    upper = [i.upper() for i in ids]
    for required in ("TIME_PERIOD", "OBS_VALUE"):
        if required not in upper:
            raise ParseError(
                path,
                1,
                None,
                gettext_noop("bad header: no %(column)s column"),
                {"column": required},
            )
    t_pos = upper.index("TIME_PERIOD")
    v_pos = upper.index("OBS_VALUE")
    dim_comps = [c for k, c in enumerate(comps) if k < v_pos and k != t_pos]
    attr_comps = [c for k, c in enumerate(comps) if k > v_pos]
    geo_comp = next((c for c in dim_comps if c[0].lower() in _GEO_NAMES), None)
    if geo_comp is None:
        raise ParseError(
            path, 1, None, gettext_noop("bad header: no geo (or REF_AREA) dimension column")
        )
    for c in dim_comps:
        if c[0] in FIXED_COLUMNS and c is not geo_comp:
            raise ParseError(path, 1, c[0], gettext_noop("bad header: dimension name is reserved"))

    labels: dict[str, dict[str, str]] = {}
    concepts: dict[str, str] = {}
    line = recs.line

    def codes_of(
        comp: tuple[str, int, int | None, str], out_name: str, split: bool = True
    ) -> np.ndarray:
        name, k, lab, concept = comp
        if concept:
            concepts[out_name] = concept
        col = recs.columns[k]
        if lab is not None:
            pairs = _pair_labels(col, recs.columns[lab])
            if any(pairs.values()):
                labels[out_name] = pairs
            return strip_values(col)
        if split:
            folded = _split_labels(col)
            if folded is not None:
                labels[out_name] = folded[1]
                return folded[0]
        return strip_values(col)

    # Dimensions.
    dim_values: dict[str, np.ndarray] = {}
    for comp in dim_comps:
        out = "geo" if comp is geo_comp else comp[0]
        vals = codes_of(comp, out)
        empty = np.flatnonzero(vals == "")
        if empty.size:
            raise ParseError(
                path, int(line[empty[0]]), comp[0], gettext_noop("empty dimension code")
            )
        dim_values[out] = vals
    dimensions = [c[0] for c in dim_comps if c is not geo_comp]

    # Dataset: one dataflow names the dataset; several become a dimension.
    meta: dict[str, str] = {"sdmx_version": version}
    flow_col = next(
        (k for k, h in enumerate(header) if h.upper() in ("DATAFLOW", "STRUCTURE_ID")), None
    )
    dataset = dataset_from_filename(path)
    if flow_col is not None:
        flows = pd.unique(strip_values(recs.columns[flow_col]))
        if len(flows) == 1:
            dataset = dataset_from_flow(str(flows[0])) or dataset
            meta["dataflow"] = str(flows[0])
        else:
            flow_vals = np.array(
                [dataset_from_flow(str(f)) or str(f) for f in recs.columns[flow_col]], dtype=object
            )
            dim_values = {"dataflow": flow_vals, **dim_values}
            dimensions = ["dataflow", *dimensions]
            dataset = None
    for k, h in enumerate(header):
        if h.upper() == "LAST UPDATE":
            upd = pd.unique(strip_values(recs.columns[k]))
            if len(upd) == 1:
                meta["last_update"] = str(upd[0])
        if h.upper() == "STRUCTURE_NAME":
            names = pd.unique(strip_values(recs.columns[k]))
            if len(names) == 1:
                meta["structure_name"] = str(names[0])

    # Periods.
    periods_raw = codes_of(comps[t_pos], "period")
    periods = periods_at(path, periods_raw, line, ids[t_pos])

    # Values and flags.
    raw_values = recs.columns[comps[v_pos][1]]
    cells = values_at(path, raw_values, line, ids[v_pos])
    flag = cells.flag.copy()
    attr_by_name = {c[0].upper(): c for c in attr_comps}
    flag_comp = attr_by_name.get("OBS_FLAG") or attr_by_name.get("OBS_STATUS")
    used = set()
    if flag_comp is not None:
        used.add(flag_comp[0].upper())
        obs_flag = codes_of(flag_comp, "flag")
        codes, uniques = pd.factorize(obs_flag)
        bad_u = [j for j, u in enumerate(uniques) if not FLAG_RE.match(str(u))]
        if bad_u:
            r = int(np.flatnonzero(np.isin(codes, bad_u))[0])
            raise ParseError(
                path,
                int(line[r]),
                flag_comp[0],
                gettext_noop("%(flag)s is not a flag (letters only)"),
                {"flag": repr(obs_flag[r])},
            )
        has = obs_flag != ""
        flag[has] = obs_flag[has]
    conf_comp = attr_by_name.get("CONF_STATUS")
    if conf_comp is not None:
        used.add("CONF_STATUS")
        conf = codes_of(conf_comp, "conf_status")
        secret = np.isin(conf, list(_CONFIDENTIAL))
        for r in np.flatnonzero(secret):  # few cells: confidential ones are rare
            f = flag[r] or ""
            flag[r] = f if "c" in f else f + "c"
    ignored = [c[0] for c in attr_comps if c[0].upper() not in used]
    if ignored:
        meta["ignored_attributes"] = ",".join(ignored)
    if concepts:
        labels["__columns__"] = concepts

    geo = dim_values.pop("geo")
    dims = {d: dim_values[d] for d in dimensions}
    frame = long_frame(path, dims, geo, periods, cells, flag, line, keep_missing=keep_missing)
    return ParsedTable(
        format="sdmx_csv",
        dataset=dataset,
        dimensions=dimensions,
        frame=frame,
        rows_read=len(line),
        labels=labels,
        meta=meta,
    )
