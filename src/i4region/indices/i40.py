"""The regional Industry 4.0 readiness index: which columns of the bundled Industry 4.0 database
(Honti, Czvetkó & Abonyi 2020) feed which pillar, and how they become COINr-format iData/iMeta.

Choices, documented here and on the method page:

* A panel: one index per year from 2008 to 2018. A year is offered when every indicator has a
  reported value for at least half of the year's regions (:data:`MIN_YEAR_COVERAGE`); 2019 has
  almost none of the Eurostat columns. Low education (ISCED 2011 levels 0–2) is not used: the
  database has it only from 2016, and keeping it would shorten the panel to three years.
* Units: the NUTS2 regions of the 28 EU member states of 2018 (the United Kingdom included);
  country aggregates, "extra-regio" codes (..XX, ..ZZ) and non-EU regions are left out.
* Population is only a size denominator: counts (patents, papers, research institutes) are
  divided by population in millions, so that large regions do not win by size alone. It is not
  an indicator.
* The database lists the three counts (patents, publications, research institutes) only for
  regions with at least one, never a zero: an unlisted count is read as zero, for all three alike.
* One missing-data rule for every other value: a region must first report at least three
  quarters of the indicators (screening on the data as reported, before anything is filled in);
  a value still missing then takes the mean of the same country's regions in that year. Where no
  other region of the country has the value, the pillar averages the indicators the region has.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from i4region.compute.index.files import NOMINAL_METHOD_TOML, method_choices_toml
from i4region.compute.parsers import read_i40_db

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
MIN_YEAR_COVERAGE = 0.5
MIN_REGION_COVERAGE = 0.75
DATABASE_YEARS = range(2008, 2020)


@dataclass(frozen=True)
class Named:
    """A pillar of the index, or the base of an indicator: its code and both names."""

    code: str
    name_en: str
    name_lt: str

    def name(self, lithuanian: bool) -> str:
        return self.name_lt if lithuanian else self.name_en


@dataclass(frozen=True)
class Choice(Named):
    """One indicator: its short code, names, source column, pillar, direction and whether it is
    a count divided by population."""

    column: str = ""
    pillar: str = ""
    direction: int = 1
    per_million: bool = False


PILLARS = (
    Named("HumanCapital", "Human capital", "Žmogiškasis kapitalas"),
    Named("Innovation", "Innovation", "Inovacijos"),
    Named("Digital", "Digital adoption", "Skaitmeninimas"),
    Named("Economy", "Economy", "Ekonomika"),
    Named("Demography", "Demography", "Demografija"),
)

CHOICES = (
    Choice(
        "Tert2564",
        "Tertiary education, age 25–64 (%)",
        "Aukštasis išsilavinimas, 25–64 m. (%)",
        column="edat_lfse_04_SEX_T__ISCED11_ED5-8__AGE_Y25-64__UNIT_PC",
        pillar="HumanCapital",
    ),
    Choice(
        "Tert3034",
        "Tertiary education, age 30–34 (%)",
        "Aukštasis išsilavinimas, 30–34 m. (%)",
        column="edat_lfse_12_SEX_T__ISCED11_ED5-8__AGE_Y30-34__UNIT_PC",
        pillar="HumanCapital",
    ),
    Choice(
        "HRST",
        "Human resources in science and technology (% of population)",
        "Žmogiškieji mokslo ir technologijų ištekliai (% gyventojų)",
        column="hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP",
        pillar="HumanCapital",
    ),
    Choice(
        "SciEng",
        "Scientists and engineers (% of population)",
        "Mokslininkai ir inžinieriai (% gyventojų)",
        column="hrst_st_rcat_CATEGORY_SE__UNIT_PC_POP",
        pillar="Innovation",
    ),
    Choice(
        "ResInst",
        "Research institutes per million inhabitants",
        "Mokslinių tyrimų institucijos milijonui gyventojų",
        column="GRID_COUNT",
        pillar="Innovation",
        per_million=True,
    ),
    Choice(
        "I40Papers",
        "Industry 4.0 publications per million inhabitants",
        "Pramonės 4.0 publikacijos milijonui gyventojų",
        column="I40Papers",
        pillar="Innovation",
        per_million=True,
    ),
    Choice(
        "HighTechServ",
        "Employment in knowledge-intensive high-tech services, incl. ICT (%)",
        "Užimtumas žinioms imliose aukštųjų technologijų paslaugose, įskaitant IRT (%)",
        column="htec_emp_reg2_NACE_R2_KIS_HTC__UNIT_PC_EMP__SEX_T",
        pillar="Digital",
    ),
    Choice(
        "HighTech",
        "Employment in high-technology sectors (%)",
        "Užimtumas aukštųjų technologijų sektoriuose (%)",
        column="htec_emp_reg2_NACE_R2_HTC__UNIT_PC_EMP__SEX_T",
        pillar="Digital",
    ),
    Choice(
        "I40Patents",
        "Industry 4.0 patents per million inhabitants",
        "Pramonės 4.0 patentai milijonui gyventojų",
        column="I40_patent_count",
        pillar="Digital",
        per_million=True,
    ),
    Choice(
        "HiMedManuf",
        "Employment in high and medium-high technology manufacturing (%)",
        "Užimtumas aukštųjų ir vidutiniškai aukštų technologijų gamyboje (%)",
        column="htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T",
        pillar="Economy",
    ),
    Choice(
        "KnowInt",
        "Employment in knowledge-intensive sectors (%)",
        "Užimtumas žinioms imliuose sektoriuose (%)",
        column="htec_emp_reg2_NACE_R2_KIS__UNIT_PC_EMP__SEX_T",
        pillar="Economy",
    ),
    Choice(
        "ProfSci",
        "Employment in professional, scientific and technical activities (%)",
        "Užimtumas profesinėje, mokslinėje ir techninėje veikloje (%)",
        column="htec_emp_reg2_NACE_R2_M__UNIT_PC_EMP__SEX_T",
        pillar="Economy",
    ),
    Choice(
        "YouthEmp",
        "Employment rate of young people (15–34) not in education (%)",
        "Jaunimo (15–34 m.), nesimokančio, užimtumo lygis (%)",
        column="edat_lfse_33_UNIT_PC__SEX_T__ISCED11_TOTAL__DURATION_TOTAL__AGE_Y15-34",
        pillar="Demography",
    ),
    Choice(
        "YoungGradEmp",
        "Employment rate of recent tertiary graduates (%)",
        "Neseniai aukštąjį mokslą baigusių užimtumo lygis (%)",
        column="edat_lfse_33_UNIT_PC__SEX_T__ISCED11_ED5-8__DURATION_Y_LE3__AGE_Y15-34",
        pillar="Demography",
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


@lru_cache(maxsize=len(DATABASE_YEARS))
def reported_records(year: int) -> tuple[dict[str, object], ...]:
    """The database as it is for one year: one record per EU NUTS2 region (uCode, uName, Country,
    PopMillion and one value per chosen indicator, None where the database has no value)."""
    long = _database()
    cols = {c.column for c in CHOICES} | {POPULATION}
    sel = long[(long["period"].astype(str) == str(year)) & long["indicator"].isin(cols)]
    geo = sel["geo"]
    sel = sel[geo.str.len().eq(4) & geo.str[:2].isin(EU28) & ~geo.str.endswith(("XX", "ZZ"))]
    wide = sel.pivot_table(index="geo", columns="indicator", values="value", aggfunc="first")
    wide = wide.reindex(columns=sorted(cols))
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
    return tuple(records)


def idata_records(year: int) -> list[dict[str, object]]:
    """iData for one year: the reported records with every unlisted count read as zero."""
    counts = [c.code for c in CHOICES if c.per_million]
    return [
        {k: (0.0 if k in counts and v is None else v) for k, v in rec.items()}
        for rec in reported_records(year)
    ]


def has_value(record: dict[str, object], choice: Choice) -> bool:
    """Whether the engine gets a value: a count also needs the population it is divided by."""
    return record[choice.code] is not None and (
        not choice.per_million or record["PopMillion"] is not None
    )


def indicator_coverage(records: Sequence[dict[str, object]]) -> dict[str, float]:
    """Share of the regions with a value, per indicator."""
    n = len(records)
    return {c.code: sum(has_value(r, c) for r in records) / n if n else 0.0 for c in CHOICES}


def region_coverage(records: Sequence[dict[str, object]]) -> dict[str, float]:
    """Share of the indicators with a value, per region (what the screen judges)."""
    return {str(r["uCode"]): sum(has_value(r, c) for c in CHOICES) / len(CHOICES) for r in records}


def year_has_enough_data(records: Sequence[dict[str, object]]) -> bool:
    """The rule for offering a year: every indicator reported for at least half of the regions."""
    return bool(records) and min(indicator_coverage(records).values()) >= MIN_YEAR_COVERAGE


@lru_cache(maxsize=1)
def offered_years() -> tuple[int, ...]:
    """The years of the database for which the index is computed, oldest first."""
    return tuple(y for y in DATABASE_YEARS if year_has_enough_data(idata_records(y)))


def records_sha256(records: list[dict[str, object]]) -> str:
    """SHA-256 of the canonical JSON of an inputs snapshot: equal inputs give equal hashes."""
    text = json.dumps(records, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


PIPELINE_TOML = f"""\
# Regional Industry 4.0 readiness index, one index per year (EU NUTS2 regions)
[[steps]]
op = "denominate"          # counts per million inhabitants

[[steps]]
op = "screen"
min_availability = {MIN_REGION_COVERAGE}   # before imputation: a region reports 3/4 of the indicators

[[steps]]
op = "impute"
method = "mean_group"      # a missing value takes the mean of the same country's regions
group = "Country"

{NOMINAL_METHOD_TOML}"""

UNCERTAINTY_TOML = method_choices_toml(noise_levels=(2,))  # pillar weights ± 25 %
