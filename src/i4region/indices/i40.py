"""The regional Industry 4.0 readiness index: which columns of the bundled Industry 4.0 database
(Honti, Czvetkó & Abonyi 2020) feed which pillar, and how they become COINr-format iData/iMeta.

Choices, documented here and on the method page:

* Reference year 2018: the last year in which the Eurostat columns (education, human resources in
  science and technology, high-tech employment) cover more than 95 % of regions; 2019 has none of
  them. R&D expenditure and graduate counts stop in 2016 and are therefore not used.
* Units: the NUTS2 regions of the 28 EU member states of 2018 (the United Kingdom included);
  country aggregates, "extra-regio" codes (..XX, ..ZZ) and non-EU regions are left out.
* Counts (patents, papers, research institutes) are divided by population in millions so that
  large regions do not win by size alone. The database lists Industry 4.0 patent counts only for
  regions with at least one patent (no zero appears), so a missing count is read as zero.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from i4region.compute.parsers import read_i40_db

REFERENCE_YEAR = 2018
EU28 = (
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "UK",
)
SOURCE = "Honti, Czvetkó & Abonyi (2020), Data in Brief 33:106464, CC BY 4.0"
DOI = "https://doi.org/10.1016/j.dib.2020.106464"
POPULATION = "demo_r_d2jan_UNIT_NR__SEX_T__AGE_TOTAL"
ZERO_WHEN_MISSING = ("I40_patent_count",)


@dataclass(frozen=True)
class Pillar:
    code: str
    name_en: str
    name_lt: str


@dataclass(frozen=True)
class Choice:
    """One indicator: its short code, source column, pillar, direction and why it is there."""

    code: str
    column: str
    pillar: str
    name_en: str
    name_lt: str
    direction: int = 1
    per_million: bool = False


PILLARS = (
    Pillar("HumanCapital", "Human capital", "Žmogiškasis kapitalas"),
    Pillar("Innovation", "Innovation", "Inovacijos"),
    Pillar("Digital", "Digital adoption", "Skaitmeninimas"),
    Pillar("Economy", "Economy", "Ekonomika"),
    Pillar("Demography", "Demography", "Demografija"),
)

CHOICES = (
    Choice(
        "Tert2564",
        "edat_lfse_04_SEX_T__ISCED11_ED5-8__AGE_Y25-64__UNIT_PC",
        "HumanCapital",
        "Tertiary education, age 25–64 (%)",
        "Aukštasis išsilavinimas, 25–64 m. (%)",
    ),
    Choice(
        "Tert3034",
        "edat_lfse_12_SEX_T__ISCED11_ED5-8__AGE_Y30-34__UNIT_PC",
        "HumanCapital",
        "Tertiary education, age 30–34 (%)",
        "Aukštasis išsilavinimas, 30–34 m. (%)",
    ),
    Choice(
        "LowEdu",
        "edat_lfse_04_SEX_T__ISCED11_ED0-2__AGE_Y25-64__UNIT_PC",
        "HumanCapital",
        "At most lower secondary education, age 25–64 (%)",
        "Ne daugiau kaip pagrindinis išsilavinimas, 25–64 m. (%)",
        direction=-1,
    ),
    Choice(
        "HRST",
        "hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP",
        "HumanCapital",
        "Human resources in science and technology (% of population)",
        "Žmogiškieji mokslo ir technologijų ištekliai (% gyventojų)",
    ),
    Choice(
        "SciEng",
        "hrst_st_rcat_CATEGORY_SE__UNIT_PC_POP",
        "Innovation",
        "Scientists and engineers (% of population)",
        "Mokslininkai ir inžinieriai (% gyventojų)",
    ),
    Choice(
        "ResInst",
        "GRID_COUNT",
        "Innovation",
        "Research institutes per million inhabitants",
        "Mokslinių tyrimų institucijos milijonui gyventojų",
        per_million=True,
    ),
    Choice(
        "I40Papers",
        "I40Papers",
        "Innovation",
        "Industry 4.0 publications per million inhabitants",
        "Pramonės 4.0 publikacijos milijonui gyventojų",
        per_million=True,
    ),
    Choice(
        "HighTechServ",
        "htec_emp_reg2_NACE_R2_KIS_HTC__UNIT_PC_EMP__SEX_T",
        "Digital",
        "Employment in knowledge-intensive high-tech services, incl. ICT (%)",
        "Užimtumas žinioms imliose aukštųjų technologijų paslaugose, įskaitant IRT (%)",
    ),
    Choice(
        "HighTech",
        "htec_emp_reg2_NACE_R2_HTC__UNIT_PC_EMP__SEX_T",
        "Digital",
        "Employment in high-technology sectors (%)",
        "Užimtumas aukštųjų technologijų sektoriuose (%)",
    ),
    Choice(
        "I40Patents",
        "I40_patent_count",
        "Digital",
        "Industry 4.0 patents per million inhabitants",
        "Pramonės 4.0 patentai milijonui gyventojų",
        per_million=True,
    ),
    Choice(
        "HiMedManuf",
        "htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T",
        "Economy",
        "Employment in high and medium-high technology manufacturing (%)",
        "Užimtumas aukštųjų ir vidutiniškai aukštų technologijų gamyboje (%)",
    ),
    Choice(
        "KnowInt",
        "htec_emp_reg2_NACE_R2_KIS__UNIT_PC_EMP__SEX_T",
        "Economy",
        "Employment in knowledge-intensive sectors (%)",
        "Užimtumas žinioms imliuose sektoriuose (%)",
    ),
    Choice(
        "ProfSci",
        "htec_emp_reg2_NACE_R2_M__UNIT_PC_EMP__SEX_T",
        "Economy",
        "Employment in professional, scientific and technical activities (%)",
        "Užimtumas profesinėje, mokslinėje ir techninėje veikloje (%)",
    ),
    Choice(
        "Population",
        POPULATION,
        "Demography",
        "Population (size of the labour pool)",
        "Gyventojų skaičius (darbo jėgos dydis)",
    ),
    Choice(
        "YouthEmp",
        "edat_lfse_33_UNIT_PC__SEX_T__ISCED11_TOTAL__DURATION_TOTAL__AGE_Y15-34",
        "Demography",
        "Employment rate of young people (15–34) not in education (%)",
        "Jaunimo (15–34 m.), nesimokančio, užimtumo lygis (%)",
    ),
    Choice(
        "YoungGradEmp",
        "edat_lfse_33_UNIT_PC__SEX_T__ISCED11_ED5-8__DURATION_Y_LE3__AGE_Y15-34",
        "Demography",
        "Employment rate of recent tertiary graduates (%)",
        "Neseniai aukštąjį mokslą baigusių užimtumo lygis (%)",
    ),
)


def imeta_rows() -> list[dict[str, object]]:
    """The framework in COINr iMeta form: indicators, pillars, the index, group and denominator."""
    rows: list[dict[str, object]] = [
        {
            "Level": 1,
            "iCode": c.code,
            "iName": c.name_en,
            "Direction": c.direction,
            "Weight": 1,
            "Denominator": "PopMillion" if c.per_million else "",
            "Parent": c.pillar,
            "Type": "Indicator",
        }
        for c in CHOICES
    ]
    rows += [
        {
            "Level": 2,
            "iCode": p.code,
            "iName": p.name_en,
            "Direction": 1,
            "Weight": 1,
            "Denominator": "",
            "Parent": "Index",
            "Type": "Aggregate",
        }
        for p in PILLARS
    ]
    rows.append(
        {
            "Level": 3,
            "iCode": "Index",
            "iName": "Industry 4.0 readiness index",
            "Direction": 1,
            "Weight": 1,
            "Denominator": "",
            "Parent": "",
            "Type": "Aggregate",
        }
    )
    rows.append(
        {
            "Level": "",
            "iCode": "Country",
            "iName": "Country",
            "Direction": "",
            "Weight": "",
            "Denominator": "",
            "Parent": "",
            "Type": "Group",
        }
    )
    rows.append(
        {
            "Level": "",
            "iCode": "PopMillion",
            "iName": "Population (millions)",
            "Direction": "",
            "Weight": "",
            "Denominator": "",
            "Parent": "",
            "Type": "Denominator",
        }
    )
    return rows


@lru_cache(maxsize=1)
def _database() -> pd.DataFrame:
    ref = resources.files("i4region") / "data" / "i40" / "I40_indicator_db_NUTS2_2008_2019.tsv"
    with resources.as_file(ref) as path:
        return read_i40_db(path).frame


def idata_records(year: int = REFERENCE_YEAR) -> list[dict[str, object]]:
    """iData for one year: one record per EU NUTS2 region (uCode, uName, Country, PopMillion and
    one value per chosen indicator, None where the database has no value)."""
    long = _database()
    cols = {c.column for c in CHOICES}
    sel = long[(long["period"].astype(str) == str(year)) & long["indicator"].isin(cols)]
    geo = sel["geo"]
    sel = sel[geo.str.len().eq(4) & geo.str[:2].isin(EU28) & ~geo.str.endswith(("XX", "ZZ"))]
    wide = sel.pivot_table(index="geo", columns="indicator", values="value", aggfunc="first")
    wide = wide.reindex(columns=sorted(cols))
    for col in ZERO_WHEN_MISSING:
        wide[col] = wide[col].fillna(0.0)
    records = []
    for geo, row in wide.sort_index().iterrows():
        pop = row[POPULATION]
        rec: dict[str, object] = {
            "uCode": geo,
            "uName": geo,
            "Country": geo[:2],
            "PopMillion": None if np.isnan(pop) else float(pop) / 1e6,
        }
        for c in CHOICES:
            v = row[c.column]
            rec[c.code] = None if np.isnan(v) else float(v)
        records.append(rec)
    return records


def records_sha256(records: list[dict[str, object]]) -> str:
    """SHA-256 of the canonical JSON of an inputs snapshot: equal inputs give equal hashes."""
    text = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


PIPELINE_TOML = """\
# Regional Industry 4.0 readiness index, reference year 2018 (EU NUTS2 regions)
[[steps]]
op = "denominate"          # counts per million inhabitants

[[steps]]
op = "impute"
method = "mean_group"      # a missing value takes the mean of the same country's regions
group = "Country"

[[steps]]
op = "screen"
min_availability = 0.9     # after imputation, a region must have 90 % of the indicators

[[steps]]
op = "treat"               # winsorise outliers, log-transform what stays skewed
winmax = 5
skew = 2.0
kurtosis = 3.5

[[steps]]
op = "normalise"
method = "minmax"
range = [1, 100]

[[steps]]
op = "aggregate"
method = "amean"
weights = "meta"
"""

UNCERTAINTY_TOML = """\
[[input]]
name = "Winsorisation"
parameter = "treat.winmax"
values = [1, 2, 3, 4, 5]

[[input]]
name = "Normalisation"
parameter = "normalise"
values = [{method = "minmax", range = [1, 100]}, {method = "zscore", mean = 10, sd = 2}]

[[input]]
name = "Weights"
parameter = "aggregate.weights"
noise = {levels = [2], factor = 0.25}

[[input]]
name = "Aggregation"
parameter = "aggregate.method"
values = ["amean", "gmean"]
"""
