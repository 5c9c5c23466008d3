"""Open data tables of the stakeholder ecosystem; people's contact details only on request."""

from django.db.models import Prefetch

from i4region.core.exports import Field, Table

from . import services
from .models import Activity, Assessment, Interaction, Organisation, Person, Relation


def _orgs(public: bool):
    qs = Organisation.objects.select_related("municipality", "region", "parent")
    return qs.filter(published=True) if public else qs


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """Organisations, relations, interactions, assessments, activities, centrality (and people)."""
    orgs = list(_orgs(public))
    ids = {o.pk for o in orgs}
    org_fields = [
        Field("id", "integer", "Organisation id"),
        Field("name", "string", "Name"),
        Field(
            "type",
            "string",
            "company, school, vocational_school, university, research, ngo, "
            "municipality, agency, funder or cluster",
        ),
        Field("part_of", "string", "Parent organisation (name)"),
        Field("nace_code", "string", "NACE Rev. 2 code (companies)"),
        Field("size_class", "string", "micro, small, medium or large (companies)"),
        Field("municipality", "string", "Municipality code"),
        Field("region", "string", "NUTS region code"),
        Field("website", "string", "Website"),
        Field("company_code", "string", "Company register code"),
        Field("tags", "string", "Tags, comma-separated"),
        Field("source_url", "string", "Where the facts about a real organisation come from"),
        Field("is_sample", "boolean", "True for fictional sample organisations"),
    ]
    out = [
        Table(
            "organisations",
            "Organisations of the ecosystem",
            org_fields,
            [
                [
                    o.pk,
                    o.name,
                    o.type,
                    o.parent.name if o.parent else "",
                    o.nace_code,
                    o.size_class,
                    o.municipality.code if o.municipality else "",
                    o.region.code if o.region else "",
                    o.website,
                    o.company_code,
                    o.tags,
                    o.source_url,
                    o.is_sample,
                ]
                for o in orgs
            ],
        )
    ]
    rels = [
        r
        for r in Relation.objects.select_related("source", "target")
        if r.source_id in ids and r.target_id in ids
    ]
    out.append(
        Table(
            "relations",
            "Relations between organisations",
            [
                Field("from", "string", "Organisation (name)"),
                Field("to", "string", "Organisation (name)"),
                Field(
                    "type",
                    "string",
                    "collaboration, membership, funding, supply, training, "
                    "research_partnership or ownership",
                ),
                Field("directed", "boolean", "True when the relation runs from → to"),
                Field("strength", "integer", "Judged strength 1-5"),
                Field("since", "date", "Since"),
                Field("until", "date", "Until"),
                Field("source", "string", "Where it is known from"),
                Field("is_sample", "boolean", "True for fictional sample relations"),
            ],
            [
                [
                    r.source.name,
                    r.target.name,
                    r.type,
                    r.directed,
                    r.strength,
                    r.since,
                    r.until,
                    r.source_note,
                    r.is_sample,
                ]
                for r in rels
            ],
        )
    )
    if not public:
        inter = Interaction.objects.select_related("organisation").prefetch_related(
            Prefetch("participants", queryset=Person.objects.only("id", "name")), "follow_ups"
        )
        out.append(
            Table(
                "interactions",
                "Interactions with organisations",
                [
                    Field("id", "integer", "Interaction id"),
                    Field("date", "date", "Date"),
                    Field("organisation", "string", "Organisation (name)"),
                    Field("type", "string", "meeting, call, email, event or site_visit"),
                    Field(
                        "participants",
                        "integer" if not include_personal_data else "string",
                        "Participants: their number, or their names with personal data",
                    ),
                    Field("purpose", "string", "Purpose"),
                    Field("outcome", "string", "Outcome"),
                    Field(
                        "follow_ups", "string", "Follow-ups: description (due date), separated by |"
                    ),
                    Field("is_sample", "boolean", "True for sample records"),
                ],
                [
                    [
                        i.pk,
                        i.date,
                        i.organisation.name,
                        i.type,
                        "; ".join(p.name for p in i.participants.all())
                        if include_personal_data
                        else len(i.participants.all()),
                        i.purpose,
                        i.outcome,
                        " | ".join(f"{f.description} ({f.due_date})" for f in i.follow_ups.all()),
                        i.is_sample,
                    ]
                    for i in inter
                ],
            )
        )
        out.append(
            Table(
                "assessments",
                "Assessments of influence, interest and stance",
                [
                    Field("organisation", "string", "Organisation (name)"),
                    Field("date", "date", "Date"),
                    Field("influence", "integer", "Influence 1-5"),
                    Field("interest", "integer", "Interest 1-5"),
                    Field("stance", "string", "champion, supporter, neutral, sceptic or blocker"),
                    Field("assessed_by", "string", "Who assessed"),
                    Field("is_sample", "boolean", "True for sample records"),
                ],
                [
                    [
                        a.organisation.name,
                        a.date,
                        a.influence,
                        a.interest,
                        a.stance,
                        a.assessor_name,
                        a.is_sample,
                    ]
                    for a in Assessment.objects.select_related("organisation")
                ],
            )
        )
    acts = Activity.objects.select_related("organisation", "municipality")
    out.append(
        Table(
            "activities",
            "Who does what: activities that serve Industry 4.0",
            [
                Field("organisation", "string", "Organisation (name)"),
                Field("name", "string", "Activity"),
                Field("theme", "string", "Theme"),
                Field("target_group", "string", "Target group"),
                Field("municipality", "string", "Municipality code"),
                Field("start", "date", "Start"),
                Field("end", "date", "End"),
                Field("budget_eur", "number", "Budget in EUR, if known"),
                Field("initiative", "string", "Initiative it belongs to"),
                Field("source_url", "string", "Source"),
                Field("is_sample", "boolean", "True for sample records"),
            ],
            [
                [
                    a.organisation.name,
                    a.name,
                    a.theme,
                    a.target_group,
                    a.municipality.code,
                    a.start,
                    a.end,
                    a.budget_eur,
                    a.initiative,
                    a.source_url,
                    a.is_sample,
                ]
                for a in acts
                if a.organisation_id in ids
            ],
        )
    )
    eco = services.analyse(services.NetworkFilter(published_only=public))
    out.append(
        Table(
            "centrality",
            "Network centrality of each organisation",
            [
                Field("organisation", "string", "Organisation (name)"),
                Field("degree", "integer", "Number of ties"),
                Field("betweenness", "number", "Betweenness centrality (normalised 0-1)"),
                Field(
                    "eigenvector", "number", "Eigenvector centrality (per component, unit length)"
                ),
                Field("community", "integer", "Detected community (Louvain, fixed seed)"),
            ],
            [
                [m.label, m.degree, round(m.betweenness, 6), round(m.eigenvector, 6), m.community]
                for m in eco.analysis.nodes.values()
            ],
        )
    )
    if include_personal_data and not public:
        out.append(
            Table(
                "people",
                "Contacts (personal data)",
                [
                    Field("organisation", "string", "Organisation (name)"),
                    Field("name", "string", "Name"),
                    Field("role", "string", "Role"),
                    Field("email", "string", "E-mail"),
                    Field("phone", "string", "Phone"),
                    Field("consent", "boolean", "Consents to contact"),
                    Field("consent_date", "date", "Consent date"),
                    Field("consent_source", "string", "Consent source"),
                    Field("is_sample", "boolean", "True for fictional sample people"),
                ],
                [
                    [
                        p.organisation.name,
                        p.name,
                        p.role,
                        p.email,
                        p.phone,
                        p.consent,
                        p.consent_date,
                        p.consent_source,
                        p.is_sample,
                    ]
                    for p in Person.objects.select_related("organisation")
                ],
            )
        )
    return out
