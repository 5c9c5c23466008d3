"""Open data tables of the stakeholder ecosystem, one model table per model.

People's names and contact details leave only with `include_personal_data`; without it the
people table is absent, interactions carry a count of participants, assessments no assessor,
and every free-text column has e-mail addresses and phone numbers removed (`privacy`).
"""

from django.db.models import Prefetch
from django.utils import translation

from i4region.core.exports import Column, Field, Table, model_table

from . import network
from .models import Activity, Assessment, Interaction, Organisation, Person, Relation
from .privacy import redact_contacts


def _text(model, name: str, personal: bool) -> str | Column:
    """A free-text column; without personal data its e-mails and phone numbers are removed."""
    if personal:
        return name
    field = model._meta.get_field(name)
    with translation.override("en"):
        label = str(field.help_text or field.verbose_name).capitalize()
    return Column(
        name,
        lambda obj: redact_contacts(getattr(obj, name)),
        "string",
        f"{label} (e-mail addresses and phone numbers removed)",
    )


def _code(path: str, description: str) -> Column:
    return Column(path.split(".")[0], path, "string", description)


def _public_initiatives() -> set[int] | None:
    """Initiative ids a public export may name (None: every one)."""
    from i4region.initiatives.models import Initiative

    qs = Initiative._default_manager.all()
    return set(qs.public().values_list("pk", flat=True)) if hasattr(qs, "public") else None


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """Organisations, relations, interactions, assessments, activities, centrality (and people)."""
    personal = include_personal_data and not public
    orgs = Organisation.objects.select_related("municipality", "region").order_by("pk")
    if public:
        orgs = orgs.public()
    ids = set(orgs.values_list("pk", flat=True))
    out = [
        model_table(
            "organisations",
            "Organisations of the ecosystem",
            Organisation,
            orgs,
            [
                "id",
                "name",
                "type",
                Column(
                    "parent_id",
                    lambda o: o.parent_id if o.parent_id in ids else None,
                    "integer",
                    "Id of the organisation it is part of",
                ),
                "nace_code",
                "size_class",
                _code("municipality.code", "Municipality code"),
                _code("region.code", "NUTS region code"),
                "website",
                "company_code",
                "tags",
                _text(Organisation, "description_en", personal),
                _text(Organisation, "description_lt", personal),
                "source_url",
                "published",
                "is_sample",
            ],
        ),
        model_table(
            "relations",
            "Relations between organisations",
            Relation,
            Relation.objects.filter(source_id__in=ids, target_id__in=ids).order_by("pk"),
            [
                "id",
                "source_id",
                "target_id",
                "type",
                "directed",
                "strength",
                "since",
                "until",
                _text(Relation, "source_note", personal),
                "is_sample",
            ],
        ),
    ]
    if not public:
        out += [_interactions(personal), _assessments(personal)]
    initiatives = _public_initiatives() if public else None
    out.append(
        model_table(
            "activities",
            "Who does what: activities that serve Industry 4.0",
            Activity,
            Activity.objects.filter(organisation_id__in=ids)
            .select_related("municipality")
            .order_by("pk"),
            [
                "id",
                "organisation_id",
                "name",
                "theme",
                "target_group",
                _code("municipality.code", "Municipality code"),
                "start",
                "end",
                "budget_eur",
                Column(
                    "initiative_id",
                    lambda a: (
                        a.initiative_id
                        if initiatives is None or a.initiative_id in initiatives
                        else None
                    ),
                    "integer",
                    "Id of the initiative it belongs to (initiatives.csv)",
                ),
                _text(Activity, "initiative_note", personal),
                "source_url",
                "is_sample",
            ],
        )
    )
    out.append(_centrality(public))
    if personal:
        out.append(
            model_table(
                "people",
                "Contacts (personal data)",
                Person,
                Person.objects.order_by("pk"),
                ["id", "organisation_id", *Person.CONTACT_FIELDS],
            )
        )
    return out


def _interactions(personal: bool) -> Table:
    people = Person.objects.only("id", "name")
    rows = Interaction.objects.order_by("pk").prefetch_related(
        Prefetch("participants", queryset=people), "participant_organisations", "follow_ups"
    )
    return model_table(
        "interactions",
        "Interactions with organisations",
        Interaction,
        rows,
        [
            "id",
            "organisation_id",
            "date",
            "type",
            Column(
                "participants",
                (lambda i: "; ".join(p.name for p in i.participants.all()))
                if personal
                else (lambda i: len(i.participants.all())),
                "string" if personal else "integer",
                "Participants: their names" if personal else "Number of participating people",
            ),
            Column(
                "participant_organisation_ids",
                lambda i: "; ".join(str(o.pk) for o in i.participant_organisations.all()),
                "string",
                "Ids of the other organisations that took part, separated by ;",
            ),
            _text(Interaction, "purpose", personal),
            _text(Interaction, "outcome", personal),
            Column(
                "follow_ups",
                lambda i: " | ".join(
                    f"{f.description if personal else redact_contacts(f.description)} "
                    f"({f.due_date})"
                    for f in i.follow_ups.all()
                ),
                "string",
                "Follow-ups: description (due date), separated by |",
            ),
            "is_sample",
        ],
    )


def _assessments(personal: bool) -> Table:
    columns: list = ["id", "organisation_id", "date", "influence", "interest", "stance"]
    columns.append(_text(Assessment, "note", personal))
    if personal:
        columns.append(Column("assessed_by", "assessor_name", "string", "Who assessed"))
    columns.append("is_sample")
    return model_table(
        "assessments",
        "Assessments of influence, interest and stance",
        Assessment,
        Assessment.objects.order_by("pk"),
        columns,
    )


def _centrality(public: bool) -> Table:
    eco = network.analyse(network.NetworkFilter(published_only=public))
    return Table(
        "centrality",
        "Network centrality of each organisation",
        [
            Field("organisation", "string", "Organisation (name)"),
            Field("degree", "integer", "Number of ties"),
            Field("betweenness", "number", "Betweenness centrality (normalised 0-1)"),
            Field("eigenvector", "number", "Eigenvector centrality (per component, unit length)"),
            Field("community", "integer", "Detected community (Louvain, fixed seed)"),
        ],
        [
            [m.label, m.degree, round(m.betweenness, 6), round(m.eigenvector, 6), m.community]
            for m in eco.analysis.nodes.values()
        ],
    )
