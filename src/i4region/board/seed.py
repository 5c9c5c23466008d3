"""The Panevėžys Industry 4.0 advisory board (real, from the bundled facts) and sample content.

The board, its founding year and its founders come from the facts file. Its members, the meeting,
the challenges' wording as a board item, the proposals, decisions and actions are samples
(is_sample=True, shown as "Sample"): the people are fictional. The challenges are the real ones
named in DESIGN.md and their evidence is real observatory data. Idempotent: it loads once.
"""

import csv
import datetime as dt
from decimal import Decimal
from importlib import resources
from zoneinfo import ZoneInfo

from django.db import transaction

from i4region.observatory.models import Indicator
from i4region.regions.models import Region

from . import services
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    BoardType,
    Challenge,
    Decision,
    DecisionMethod,
    Evidence,
    Founder,
    Meeting,
    MeetingKind,
    MeetingMode,
    Membership,
    Milestone,
    MinutesStatus,
    Outcome,
    Proposal,
    ProposalState,
)

SLUG = "panevezys-i40"
VILNIUS = ZoneInfo("Europe/Vilnius")
INTERREG = (
    "https://www.interregeurope.eu/policylearning/good-practices/item/3435/industry-4-panevezys/"
)


def facts() -> list[dict]:
    path = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def fact(topic: str, starts: str) -> dict:
    """The facts row of this topic whose text starts so; a missing fact stops the seed loudly."""
    for row in facts():
        if row["topic"] == topic and row["fact"].startswith(starts):
            return row
    raise LookupError(f"facts file has no {topic} row starting {starts!r}")


def load(stdout=None) -> None:
    if Board.objects.filter(slug=SLUG).exists():
        return
    with transaction.atomic():
        board = _board()
        _samples(board)
    if stdout:
        stdout.write(f"  board {board.slug} with sample content\n")


def _board() -> Board:
    board_fact = fact("advisory_board", "Panevėžys city Industry 4.0 development advisory board")
    origin = fact("seed_text", "Origin of the seed text")
    board = Board.objects.create(
        slug=SLUG,
        name_en="Panevėžys city Industry 4.0 development advisory board",
        name_lt="Panevėžio miesto Pramonės 4.0 vystymo patarėjų taryba",
        purpose_en=(
            "To turn the region into a hub for industrial robotics and automation, from "
            "regional strategy to learning robotics in schools. Members come from "
            "companies, education and science, the public sector and independent "
            "experts; the board recommended Industry 4.0 as a region-level priority."
        ),
        purpose_lt=(
            "Paversti regioną pramoninės robotikos ir automatizavimo centru: nuo "
            "regiono strategijos iki robotikos mokymosi mokyklose. Nariai – įmonių, "
            "švietimo ir mokslo, viešojo sektoriaus atstovai ir nepriklausomi ekspertai; "
            "taryba rekomendavo Pramonę 4.0 kaip regiono lygmens prioritetą."
        ),
        kind=BoardType.ADVISORY,
        founding_year=2018,
        decision_method=DecisionMethod.CONSENSUS,
        quorum_percent=50,
        region=Region.objects.filter(code="LT025").first(),
        published=True,
        source_url=board_fact["source_url"],
    )
    Founder.objects.create(
        board=board,
        position=1,
        organisation_name="Panevėžio miesto savivaldybės taryba (Panevėžys city council)",
        source_url=board_fact["source_url"],
    )
    Founder.objects.create(
        board=board,
        position=2,
        organisation_name="Two Lithuanian NGOs (not named in the source)",
        source_url=origin["source_url"],
    )
    services.record(
        board,
        board,
        None,
        "created",
        services.diff({}, services.snapshot(board)),
        note="Loaded from the bundled facts file",
    )
    return board


MEMBERS = [  # person (fictional), organisation (fictional), position, sector, from, to
    ("Jonas Pavyzdys", "Sample manufacturing company A", "chair", "business", "2018-04-16", None),
    ("Rūta Pavyzdienė", "Sample municipal department", "vice_chair", "public", "2018-04-16", None),
    (
        "Tomas Bandomasis",
        "Sample NGO for engineering education",
        "secretary",
        "ngo",
        "2018-04-16",
        None,
    ),
    ("Eglė Bandomoji", "Sample gymnasium", "member", "education", "2018-04-16", None),
    (
        "Mantas Išgalvotas",
        "Sample automation integrator B",
        "member",
        "business",
        "2018-04-16",
        "2021-12-31",
    ),
    ("Ieva Išgalvotoji", "Sample university faculty", "member", "research", "2018-04-16", None),
    (
        "Darius Pavyzdinis",
        "Sample vocational training centre",
        "member",
        "education",
        "2018-04-16",
        None,
    ),
    ("Lina Pavyzdinė", "Sample business association", "member", "business", "2018-04-16", None),
    (
        "Paulius Testinis",
        "Sample science and technology park",
        "member",
        "research",
        "2019-03-01",
        None,
    ),
    ("Agnė Testinė", "Sample electronics company C", "member", "business", "2022-01-17", None),
    ("Simona Bandomoji", "Sample regional NGO", "observer", "ngo", "2018-04-16", None),
]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _samples(board: Board) -> None:
    seats = {}
    for name, org, position, sector, start, end in MEMBERS:
        seats[name] = services.save_tracked(
            Membership(
                board=board,
                person_name=name,
                organisation_name=org,
                position=position,
                sector=sector,
                designated_on=_date(start),
                ended_on=_date(end),
                is_sample=True,
            ),
            None,
        )

    meeting = services.save_tracked(
        Meeting(
            board=board,
            title="Sample meeting: the region's challenges and the first initiatives",
            kind=MeetingKind.ORDINARY,
            mode=MeetingMode.IN_PERSON,
            starts_at=dt.datetime(2018, 11, 20, 14, 0, tzinfo=VILNIUS),
            ends_at=dt.datetime(2018, 11, 20, 16, 30, tzinfo=VILNIUS),
            place="Panevėžys (sample meeting)",
            is_sample=True,
        ),
        None,
    )
    items = {}
    for key, parent, pos, title in [
        ("evidence", None, 1, "What the indicators show"),
        ("pop", "evidence", 1, "Population decline in Panevėžys county"),
        ("gdp", "evidence", 2, "GDP per head against the EU and Lithuania"),
        ("proposals", None, 2, "Proposals and decisions"),
        ("robolabas", "proposals", 1, "RoboLabas robotics competition centre"),
        ("steam", "proposals", 2, "Regional STEAM centre"),
        ("agency", "proposals", 3, "Regional development agency"),
        ("next", None, 3, "Next meeting"),
    ]:
        items[key] = services.save_tracked(
            AgendaItem(
                meeting=meeting,
                parent=items.get(parent),
                position=pos,
                title=title,
                duration_minutes=20 if parent else None,
            ),
            None,
        )
    for name, seat in seats.items():
        if seat.ended_on is None or seat.ended_on >= meeting.starts_at.date():
            if seat.designated_on <= meeting.starts_at.date():
                status = (
                    AttendanceStatus.EXCUSED
                    if name == "Lina Pavyzdinė"
                    else (AttendanceStatus.PRESENT)
                )
                services.save_tracked(
                    Attendance(meeting=meeting, membership=seat, status=status), None
                )
    services.save_tracked(
        Attendance(
            meeting=meeting,
            guest_name="Sample guest from a robotics association",
            status=AttendanceStatus.PRESENT,
        ),
        None,
    )

    challenges = _challenges(board)
    proposals = _proposals(board, challenges, seats)

    decisions = {}
    for key, method, votes in [
        ("robolabas", DecisionMethod.CONSENSUS, (0, 0, 0)),
        ("steam", DecisionMethod.VOTE, (6, 0, 1)),
        ("agency", DecisionMethod.VOTE, (5, 1, 1)),
    ]:
        p = proposals[key]
        d = services.save_decision(
            Decision(
                board=board,
                meeting=meeting,
                agenda_item=items[key],
                proposal=p,
                title=f"Support: {p.title}",
                method=method,
                votes_for=votes[0],
                votes_against=votes[1],
                votes_abstain=votes[2],
                outcome=Outcome.ADOPTED,
                text=(
                    f"Sample decision. The board supports the proposal “{p.title}” and asks the "
                    "owners named in its actions to carry it out."
                ),
                is_sample=True,
            ),
            None,
        )
        decisions[key] = services.approve_decision(d, None)

    meeting.minutes = (
        "Sample minutes.\n\n1. The secretariat presented the indicator evidence: the population "
        "of Panevėžys county keeps falling and GDP per head in PPS stays well below the EU and "
        "Lithuanian averages (see the challenges' charts).\n2. The board discussed three "
        "proposals and adopted them (see the decisions).\n3. The next meeting will review the "
        "progress of the actions."
    )
    services.save_tracked(meeting, None)
    services.set_minutes_status(meeting, None, MinutesStatus.CIRCULATED)
    services.set_minutes_status(meeting, None, MinutesStatus.APPROVED)
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_circulated_at=dt.datetime(2018, 11, 27, 10, 0, tzinfo=VILNIUS),
        minutes_approved_at=dt.datetime(2018, 12, 11, 10, 0, tzinfo=VILNIUS),
    )
    _actions(board, decisions)


def _challenges(board: Board) -> dict[str, Challenge]:
    lt025 = Region.objects.get(code="LT025")
    found = {}
    specs = [
        (
            "population",
            "demography",
            "critical",
            "The population keeps falling",
            "Gyventojų skaičius nuolat mažėja",
            "Panevėžys county has lost about a quarter of its population in fifteen years, after "
            "its largest employer, Ekranas, went bankrupt in 2006.",
            "Panevėžio apskritis per penkiolika metų neteko maždaug ketvirtadalio gyventojų, kai "
            "2006 m. bankrutavo didžiausias darbdavys „Ekranas“.",
            [("population", "2018")],
        ),
        (
            "economy",
            "economy",
            "high",
            "Economic development below the Lithuanian average",
            "Ekonominė plėtra atsilieka nuo Lietuvos vidurkio",
            "GDP per head in purchasing power standards is far below the EU average and below "
            "Lithuania's.",
            "BVP vienam gyventojui pagal perkamosios galios standartą gerokai mažesnis už ES ir "
            "Lietuvos vidurkį.",
            [("gdp_pps_per_capita_eu27", "2018")],
        ),
        (
            "indicators",
            "coordination",
            "high",
            "Stakeholders are given no indicators",
            "Suinteresuotosioms šalims neteikiami rodikliai",
            "Nobody can show how Industry 4.0 in the region changes.",
            "Niekas negali parodyti, kaip keičiasi Pramonė 4.0 regione.",
            [],
        ),
        (
            "fragmented",
            "coordination",
            "high",
            "Activities run in a fragmented way",
            "Veikla vykdoma fragmentiškai",
            "There is no coordinated plan between the stakeholders.",
            "Nėra suderinto suinteresuotųjų šalių veiksmų plano.",
            [],
        ),
        (
            "funding",
            "funding",
            "medium",
            "The sustainability of initiatives is not ensured",
            "Neužtikrintas iniciatyvų tvarumas",
            "Public funding is hard to get.",
            "Viešąjį finansavimą gauti sunku.",
            [],
        ),
        (
            "demand",
            "business",
            "medium",
            "Benefits for businesses are hard to articulate",
            "Sunku įvardyti naudą verslui",
            "Demand for the initiatives is weak.",
            "Iniciatyvų paklausa silpna.",
            [],
        ),
        (
            "actors",
            "coordination",
            "medium",
            "Key actors are hard to identify and persuade",
            "Sunku nustatyti ir įtikinti pagrindinius veikėjus",
            "It is hard to find the actors who would drive further action.",
            "Sunku rasti veikėjus, kurie skatintų tolesnius veiksmus.",
            [],
        ),
    ]
    for key, theme, severity, t_en, t_lt, d_en, d_lt, evidence in specs:
        c = services.save_tracked(
            Challenge(
                board=board,
                title_en=t_en,
                title_lt=t_lt,
                description_en=d_en,
                description_lt=d_lt,
                theme=theme,
                severity=severity,
                status="addressed" if evidence else "open",
                identified_on=dt.date(2018, 11, 20),
                published=True,
                is_sample=True,
            ),
            None,
        )
        for code, baseline in evidence:
            indicator = Indicator.objects.filter(code=code).first()
            if indicator is not None:
                services.save_tracked(
                    Evidence(
                        challenge=c, indicator=indicator, region=lt025, baseline_period=baseline
                    ),
                    None,
                )
        found[key] = c
    return found


def _proposals(board, challenges, seats) -> dict[str, Proposal]:
    robo = fact("robolabas", "RoboLabas establishment cost")
    steam_m = fact("steam_centre", "STEAM Centre establishment funding from municipality")
    steam_eu = fact("steam_centre", "STEAM Centre establishment funding from EU funds")
    agency = fact("development_agency", "Regional development agency annual budget")
    specs = [
        (
            "robolabas",
            "economy",
            "Jonas Pavyzdys",
            "RoboLabas: a robotics competition centre for children and young people",
            "A centre where schoolchildren learn robotics in lessons, clubs and competitions, so "
            "that local industry finds the automation skills it needs.",
            "More young people with robotics skills who stay in the region and work in its "
            "companies.",
            ["gdp_pps_per_capita_eu27"],
            Decimal(robo["value"]),
            "to establish, plus staff and building maintenance",
            "",
            robo["source_url"],
        ),
        (
            "steam",
            "population",
            "Eglė Bandomoji",
            "A regional STEAM centre",
            "An open-access centre for science, technology, engineering, arts and mathematics that "
            "serves the schools of the whole county.",
            "Young families and pupils see a future in the region.",
            ["population"],
            Decimal(steam_m["value"]) + Decimal(steam_eu["value"]),
            "to establish",
            f"EUR {Decimal(steam_m['value']):,.0f} from the municipality and EUR "
            f"{Decimal(steam_eu['value']):,.0f} from EU funds",
            steam_m["source_url"],
        ),
        (
            "agency",
            "fragmented",
            "Rūta Pavyzdienė",
            "A regional development agency",
            "An agency that coordinates the stakeholders' activities, follows the indicators and "
            "presents the region to investors.",
            "One coordinated plan instead of fragmented activities.",
            ["gdp_pps_per_capita_eu27"],
            Decimal(agency["value"]),
            "per year",
            "",
            agency["source_url"],
        ),
    ]
    found = {}
    for (
        key,
        challenge,
        proposer,
        title,
        description,
        effect,
        indicators,
        cost,
        cost_note,
        funding,
        source,
    ) in specs:
        p = services.save_tracked(
            Proposal(
                board=board,
                challenge=challenges[challenge],
                title=title,
                description=description,
                proposer_membership=seats[proposer],
                expected_effect=effect,
                cost_estimate=cost,
                cost_note=cost_note,
                funding_idea=funding,
                state=ProposalState.SUBMITTED,
                published=True,
                source_url=source,
                is_sample=True,
            ),
            None,
        )
        p.expected_indicators.set(Indicator.objects.filter(code__in=indicators))
        Proposal.objects.filter(pk=p.pk).update(
            created_at=dt.datetime(2018, 11, 5, 12, 0, tzinfo=VILNIUS)
        )
        found[key] = p
    return found


def _actions(board: Board, decisions: dict[str, Decision]) -> None:
    def make(
        title, decision, status, progress, weight="1", parent=None, owner="", start=None, due=None
    ):
        a = Action(
            board=board,
            decision=decision,
            parent=parent,
            title=title,
            status=status,
            progress=Decimal(progress),
            weight=Decimal(weight),
            owner_name=owner,
            start_date=_date(start),
            due_date=_date(due),
            is_sample=True,
        )
        services.save_tracked(a, None)
        services.roll_up(a.parent)
        return a

    make(
        "Open RoboLabas in the Minties gymnasium",
        decisions["robolabas"],
        ActionStatus.DONE,
        "100",
        owner="Sample owner: Panevėžys education centre team",
        start="2018-12-01",
        due="2019-03-31",
    )
    steam = make(
        "Set up the regional STEAM centre",
        decisions["steam"],
        ActionStatus.ON_TRACK,
        "0",
        owner="Sample owner: Eglė Bandomoji",
        start="2019-01-15",
        due="2021-09-01",
    )
    labs = make(
        "Fit out the four laboratories",
        decisions["steam"],
        ActionStatus.ON_TRACK,
        "60",
        weight="3",
        parent=steam,
        owner="Sample owner: procurement team",
        start="2019-06-01",
        due="2020-09-01",
    )
    make(
        "Train the teachers for the STEAM programmes",
        decisions["steam"],
        ActionStatus.AT_RISK,
        "25",
        weight="1",
        parent=steam,
        owner="Sample owner: Darius Pavyzdinis",
        start="2019-09-01",
        due="2021-06-30",
    )
    make(
        "Open the centre to every school in the county",
        decisions["steam"],
        ActionStatus.NOT_STARTED,
        "0",
        weight="2",
        parent=steam,
        owner="Sample owner: Eglė Bandomoji",
        start="2020-09-01",
        due="2021-09-01",
    )
    for date, title, done in [
        ("2019-12-01", "Equipment specified", True),
        ("2020-06-01", "Equipment delivered", False),
    ]:
        Milestone.objects.create(action=labs, date=_date(date), title=title, done=done)
    make(
        "Set up the regional development agency",
        decisions["agency"],
        ActionStatus.ON_TRACK,
        "50",
        owner="Sample owner: Rūta Pavyzdienė",
        start="2019-01-01",
        due="2020-12-31",
    )
