"""The board's real initiatives, with every figure taken from the bundled facts file and its URL.

Only what the sources say is stored: years, staff and building costs, funding years and statuses
that the pages do not give stay empty. Records are created once and never overwritten, so running
setup again changes nothing and keeps later edits.
"""

import csv
from datetime import date
from decimal import Decimal
from importlib import resources

from i4region.regions.models import Region

from .models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue

FACTS = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"
GOOD_PRACTICE = (
    "https://www.interregeurope.eu/policylearning/good-practices/item/3435/industry-4-panevezys/"
)
AGENCY_2020 = (
    "https://www.panevezysnow.lt/svarbios-miesto-naujienos/panevezio-pletros-agentura-"
    "2020-m-igyvendino-verslo-aplinkos-panevezyje-gerinimo-projekta/"
)
ROBOLABAS_2021 = (
    "https://www.lrytas.lt/lietuvosdiena/svietimas/2021/12/18/news/vaiku-is-panevezio-"
    "laboratorijoje-kuriami-robotai-stebina-aplinkinius-21786378"
)
PANEVEZYS_CITY = "LT-LAU-27"
YEAR_UNKNOWN = "Year not given in the source."

INITIATIVES = [
    {
        "slug": "robolabas",
        "topic": "robolabas",
        "name_en": "RoboLabas robotics competition centre",
        "name_lt": "Robotikos varžybų centras „RoboLabas“",
        "type": "competition_centre",
        "owner_organisation": "Panevėžio švietimo centras",
        "municipality": PANEVEZYS_CITY,
        "theme": "skills",
        "lifecycle": "operating",
        "target_groups": "primary_pupils;secondary_pupils",
        "description_en": "Robotics competition centre in the 'Minties' gymnasium in Panevėžys: "
        "lessons with robotics in the mornings, clubs in the afternoons and "
        "regular competitions for children and young people from the whole city.",
        "description_lt": "Robotikos varžybų centras Panevėžio „Minties“ gimnazijoje: rytais "
        "pamokos su robotika, po pietų būreliai ir reguliarios varžybos viso "
        "miesto vaikams ir jaunimui.",
    },
    {
        "slug": "steam-centre",
        "topic": "steam_centre",
        "name_en": "Panevėžys regional STEAM open-access centre",
        "name_lt": "Panevėžio regioninis STEAM atviros prieigos centras",
        "type": "education_centre",
        "owner_organisation": "Panevėžio švietimo centras",
        "municipality": PANEVEZYS_CITY,
        "theme": "skills",
        "lifecycle": "operating",
        "target_groups": "",
        "description_en": "One of seven regional STEAM centres, on the ground floor of the "
        "'Minties' gymnasium next to RoboLabas, with four labs: biology and "
        "chemistry; physics and engineering; robotics and IT; a specialised "
        "artificial intelligence lab.",
        "description_lt": "Vienas iš septynių regioninių STEAM centrų, „Minties“ gimnazijos "
        "pirmame aukšte šalia „RoboLabo“, su keturiomis laboratorijomis: "
        "biologijos ir chemijos; fizikos ir inžinerijos; robotikos ir IT; "
        "specializuota dirbtinio intelekto laboratorija.",
    },
    {
        "slug": "development-agency",
        "topic": "development_agency",
        "name_en": "Regional development agency (Panevėžio plėtros agentūra, 'Panevėžys NOW')",
        "name_lt": "Regiono plėtros agentūra (Panevėžio plėtros agentūra, „Panevėžys NOW“)",
        "type": "agency",
        "owner_organisation": "Panevėžio plėtros agentūra",
        "municipality": None,
        "theme": "business",
        "lifecycle": "operating",
        "target_groups": "companies",
        "description_en": "The agency that coordinates the business environment and Industry 4.0 "
        "work of the region: events, consultations, targeted contacts with "
        "companies and communication.",
        "description_lt": "Agentūra, koordinuojanti regiono verslo aplinkos ir Pramonės 4.0 "
        "darbus: renginiai, konsultacijos, tiksliniai kontaktai su įmonėmis ir "
        "komunikacija.",
    },
]

BUDGET = [
    ("robolabas", "establishment", "", Decimal("470000"), GOOD_PRACTICE, YEAR_UNKNOWN),
    (
        "robolabas",
        "running",
        "staff",
        None,
        GOOD_PRACTICE,
        "The source names staff costs on top of the establishment cost but gives no amount.",
    ),
    (
        "robolabas",
        "running",
        "building_maintenance",
        None,
        GOOD_PRACTICE,
        "The source names building maintenance costs but gives no amount.",
    ),
    (
        "development-agency",
        "running",
        "",
        Decimal("290000"),
        GOOD_PRACTICE,
        "EUR 290,000 a year; the years are not given in the source.",
    ),
]

FUNDING = [
    (
        "steam-centre",
        "Municipality (as named in the source)",
        "municipality",
        Decimal("350000"),
        "establishment",
        "Establishment funding from the municipality; years not given.",
    ),
    (
        "steam-centre",
        "EU funds (as named in the source)",
        "eu_other",
        Decimal("450000"),
        "establishment",
        "Establishment funding from EU funds; fund and years not given.",
    ),
]

# (initiative, code, name_en, name_lt, unit_en, unit_lt, period, value, qualifier, url)
KPI_VALUES = [
    (
        "robolabas",
        "regular-attendance",
        "Children and young people attending regularly",
        "Reguliariai lankančių vaikų ir jaunimo skaičius",
        "persons",
        "asmenys",
        "2021-12",
        "300",
        "more_than",
        ROBOLABAS_2021,
    ),
    (
        "development-agency",
        "event-participants",
        "Participants at events",
        "Renginių dalyviai",
        "persons",
        "asmenys",
        "2020",
        "500",
        "more_than",
        AGENCY_2020,
    ),
    (
        "development-agency",
        "consultations",
        "Consultations",
        "Konsultacijos",
        "consultations",
        "konsultacijos",
        "2020",
        "40",
        "more_than",
        AGENCY_2020,
    ),
    (
        "development-agency",
        "targeted-contacts",
        "Targeted Industry 4.0 contacts",
        "Tiksliniai Pramonės 4.0 kontaktai",
        "contacts",
        "kontaktai",
        "2020",
        "200",
        "",
        AGENCY_2020,
    ),
    (
        "development-agency",
        "articles",
        "Articles published",
        "Paskelbti straipsniai",
        "articles",
        "straipsniai",
        "2020",
        "65",
        "",
        AGENCY_2020,
    ),
    (
        "development-agency",
        "audience-reach",
        "Audience reached",
        "Pasiekta auditorija",
        "persons",
        "asmenys",
        "2020",
        "300000",
        "about",
        AGENCY_2020,
    ),
]


def _facts() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load(stdout=None) -> None:
    facts = _facts()
    initiatives = {}
    for spec in INITIATIVES:
        data = dict(spec)
        topic = data.pop("topic")
        code = data.pop("municipality")
        data["municipality"] = Region.objects.filter(code=code).first() if code else None
        initiative, _created = Initiative.objects.get_or_create(
            slug=data.pop("slug"), defaults={**data, "published": True}
        )
        initiatives[initiative.slug] = initiative
        for row in facts:
            if row["topic"] != topic:
                continue
            Fact.objects.get_or_create(
                initiative=initiative,
                text=row["fact"],
                source_url=row["source_url"],
                defaults={
                    "value": row["value"],
                    "unit": row["unit"],
                    "reference_period": row["reference_period"],
                    "note": row["note"],
                    "source_date": date.fromisoformat(row["source_date"])
                    if row["source_date"]
                    else None,
                },
            )
    for slug, category, sub, planned, url, note in BUDGET:
        BudgetLine.objects.get_or_create(
            initiative=initiatives[slug],
            year=None,
            category=category,
            subcategory=sub,
            defaults={"planned": planned, "source_url": url, "note": note},
        )
    for slug, funder, source_type, amount, covers, note in FUNDING:
        FundingLine.objects.get_or_create(
            initiative=initiatives[slug],
            funder=funder,
            source_type=source_type,
            defaults={
                "amount": amount,
                "covers": covers,
                "status": "received",
                "source_url": GOOD_PRACTICE,
                "note": note,
            },
        )
    for slug, code, name_en, name_lt, unit_en, unit_lt, period, value, qualifier, url in KPI_VALUES:
        kpi, _created = Kpi.objects.get_or_create(
            initiative=initiatives[slug],
            code=code,
            defaults={
                "kind": "output",
                "name_en": name_en,
                "name_lt": name_lt,
                "unit_en": unit_en,
                "unit_lt": unit_lt,
            },
        )
        KpiValue.objects.get_or_create(
            kpi=kpi,
            period=period,
            defaults={"value": Decimal(value), "qualifier": qualifier, "source_url": url},
        )
    if stdout:
        stdout.write(f"Initiatives: {len(initiatives)} real initiatives with their sources.\n")
