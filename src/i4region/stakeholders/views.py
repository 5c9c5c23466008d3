from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.regions.models import Region

from . import kumu, services
from .forms import (
    AssessmentForm,
    InteractionForm,
    KumuImportForm,
    NetworkFilterForm,
    OrganisationForm,
    PersonForm,
)
from .models import (
    Activity,
    ErasureLog,
    FollowUp,
    Organisation,
    OrgType,
    Person,
    Stance,
    TargetGroup,
    Theme,
)

INTERNAL = services.INTERNAL_ROLES


def _lang() -> str:
    return "lt" if (get_language() or "lt").startswith("lt") else "en"


def _render(request, template: str, ctx: dict):
    """Render with the flags the sub-navigation needs."""
    ctx.setdefault("internal", services.is_internal(request.user))
    ctx.setdefault("secretariat", services.can_see_contacts(request.user))
    return render(request, template, ctx)


def _county_municipalities() -> list[tuple[str, str]]:
    """Municipalities that hold organisations or activities, for the filters."""
    codes = set(
        Organisation.objects.exclude(municipality=None).values_list("municipality__code", flat=True)
    )
    codes |= set(Activity.objects.values_list("municipality__code", flat=True))
    return [(r.code, r.display_name) for r in Region.objects.filter(code__in=codes)]


def organisations(request):
    """The organisations this user may see, filterable by type and municipality."""
    qs = services.visible_organisations(request.user)
    kind = request.GET.get("type", "")
    if kind in OrgType.values:
        qs = qs.filter(type=kind)
    municipality = request.GET.get("municipality", "")
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    return _render(
        request,
        "stakeholders/organisations.html",
        {
            "organisations": qs,
            "types": OrgType.choices,
            "municipalities": _county_municipalities(),
            "selected": {"type": kind, "municipality": municipality, "q": q},
            "internal": services.is_internal(request.user),
            "secretariat": services.can_see_contacts(request.user),
        },
    )


def organisation(request, pk: int):
    """One organisation: public fields for all who may see it, the working record for insiders."""
    org = services.visible_organisations(request.user).filter(pk=pk).first()
    if org is None:
        raise Http404(_("No such organisation, or it is not published."))
    full = services.sees_full_record(request.user, org)
    ctx = {
        "org": org,
        "full": full,
        "contacts": services.can_see_contacts(request.user),
        "internal": services.is_internal(request.user),
    }
    if full:
        ctx.update(
            divisions=org.divisions.all(),
            relations_out=org.relations_out.select_related("target"),
            relations_in=org.relations_in.select_related("source"),
            activities=org.activities.select_related("municipality"),
        )
    if ctx["internal"]:
        eco = services.analyse()
        nid = services.node_id(org.pk)
        actor = next((a for a in services.ranked_actors(eco, top=None) if a.id == nid), None)
        ctx.update(
            metrics=eco.analysis.nodes.get(nid),
            actor=actor,
            reasons=(actor.reasons_lt if _lang() == "lt" else actor.reasons_en) if actor else "",
        )
        ctx.update(
            assessments=org.assessments.all()[:10],
            interactions=org.interactions.prefetch_related("participants", "follow_ups__owner")[
                :20
            ],
        )
    if ctx["contacts"]:
        ctx["people"] = org.people.all()
    return _render(request, "stakeholders/organisation.html", ctx)


def _network_request(request):
    form = NetworkFilterForm(request.GET or None, municipalities=_county_municipalities())
    data = form.cleaned_data if form.is_valid() else {}
    flt = services.NetworkFilter(
        types=tuple(data.get("type") or ()),
        municipality=data.get("municipality") or "",
        relation_types=tuple(data.get("relation") or ()),
    )
    colour = data.get("colour") or "type"
    size = data.get("size") or "degree"
    return form, flt, colour, size


def _svg(eco, colour: str, size: str) -> str:
    names = {k: str(v) for k, v in OrgType.choices}
    if colour == "community":
        names = {str(c.index): f"{_('Community')} {c.index + 1}" for c in eco.analysis.communities}
    return services.network_svg(
        eco,
        colour_by=colour,
        size_by=size,
        labels=names,
        link=reverse("stakeholders:organisation", args=[0]).replace("/0/", "/{pk}/"),
        title=_("Stakeholder network"),
        legend_title=_("Community") if colour == "community" else _("Organisation type"),
    )


@role_required(*INTERNAL)
def network(request):
    """The network picture with filters, statistics, communities and brokers."""
    form, flt, colour, size = _network_request(request)
    eco = services.analyse(flt)
    a = eco.analysis
    brokers = [eco.organisations[b] for b in a.brokers[:10]]
    communities = [(c, [eco.organisations[m] for m in c.members[:8]]) for c in a.communities]
    return _render(
        request,
        "stakeholders/network.html",
        {
            "form": form,
            "svg": _svg(eco, colour, size),
            "stats": a.stats,
            "brokers": brokers,
            "communities": communities,
            "query": request.GET.urlencode(),
            "approximate": a.betweenness_approximate,
        },
    )


@role_required(*INTERNAL)
def network_svg(request):
    """The same picture as a standalone SVG file, for reports."""
    _form, flt, colour, size = _network_request(request)
    response = HttpResponse(
        _svg(services.analyse(flt), colour, size), content_type="image/svg+xml; charset=utf-8"
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="stakeholder-network.svg"'
    return response


@role_required(*INTERNAL)
def key_actors(request):
    """Actors ranked by centrality, influence and stance, each rank explained in words."""
    eco = services.analyse()
    actors = services.ranked_actors(eco, top=30)
    lang = _lang()
    rows = [
        {
            "actor": a,
            "org": eco.organisations[a.id],
            "reasons": a.reasons_lt if lang == "lt" else a.reasons_en,
            "stance": dict(Stance.choices).get(a.stance, ""),
        }
        for a in actors
    ]
    return _render(
        request, "stakeholders/key_actors.html", {"rows": rows, "stats": eco.analysis.stats}
    )


@role_required(*INTERNAL)
def grid(request):
    """Power–interest grid from the latest assessments, with movement since the previous one."""
    latest = services.latest_assessments()
    orgs = Organisation.objects.in_bulk(list(latest))
    names = {k: o.name for k, o in orgs.items()}
    svg = services.grid_svg(
        latest,
        names,
        {
            "title": _("Power–interest grid"),
            "x": _("Interest (1–5)"),
            "y": _("Influence (1–5)"),
            "manage": _("Manage closely"),
            "satisfy": _("Keep satisfied"),
            "inform": _("Keep informed"),
            "monitor": _("Monitor"),
            **{k: str(v) for k, v in Stance.choices},
        },
    )
    moves = [(orgs[k], now, before) for k, now, before in services.movements(latest)]
    moves.sort(key=lambda m: m[0].name)
    current = sorted(
        ((orgs[k], pair[0]) for k, pair in latest.items()),
        key=lambda r: (-r[1].influence, -r[1].interest, r[0].name),
    )
    return _render(
        request, "stakeholders/grid.html", {"svg": svg, "moves": moves, "current": current}
    )


@role_required(*INTERNAL)
def activities(request):
    """Who does what: the register and the theme × target group coverage per municipality."""
    municipalities = _county_municipalities()
    municipality = request.GET.get("municipality", "")
    if municipality not in dict(municipalities):
        municipality = ""
    matrix = services.coverage(municipality)
    themes = dict(Theme.choices)
    rows = [(themes[r[0].theme], r) for r in matrix]
    crowded = [
        (Region.objects.filter(code=m).first(), themes[t], dict(TargetGroup.choices)[g], n)
        for m, t, g, n in services.crowded_cells()
    ]
    qs = Activity.objects.select_related("organisation", "municipality")
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    return _render(
        request,
        "stakeholders/activities.html",
        {
            "rows": rows,
            "groups": TargetGroup.choices,
            "crowded": crowded[:30],
            "activities": qs,
            "municipalities": municipalities,
            "municipality": municipality,
            "gaps": sum(1 for r in matrix for c in r if c.count == 0),
            "overlaps": sum(1 for r in matrix for c in r if c.count > 1),
        },
    )


@role_required(Role.SECRETARIAT)
def alerts(request):
    """Overdue contacts of key stakeholders and overdue follow-ups."""
    return _render(
        request,
        "stakeholders/alerts.html",
        {
            "contacts": services.overdue_contacts(),
            "follow_ups": services.overdue_follow_ups(),
            "today": timezone.localdate(),
            "open_follow_ups": FollowUp.objects.filter(done=False)
            .select_related("interaction__organisation", "owner")
            .order_by("due_date")[:50],
        },
    )


@role_required(Role.SECRETARIAT)
def kumu_page(request):
    """Import a Kumu sheet (atomic, every error with its line) and export links."""
    form = KumuImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            n_el, n_con = kumu.import_files(
                d["elements"].read() if d.get("elements") else None,
                d["connections"].read() if d.get("connections") else None,
                xlsx=d["workbook"].read() if d.get("workbook") else None,
            )
        except kumu.KumuError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Imported %(el)d elements and %(con)d connections.") % {"el": n_el, "con": n_con},
            )
            return redirect("stakeholders:network")
    return _render(request, "stakeholders/kumu.html", {"form": form, "errors": errors})


@role_required(Role.SECRETARIAT)
def kumu_export(request, fmt: str):
    """Kumu layout: elements.csv, connections.csv or the XLSX workbook."""
    if fmt == "xlsx":
        response = HttpResponse(
            kumu.to_xlsx(),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
        response["Content-Disposition"] = 'attachment; filename="stakeholders-kumu.xlsx"'
        return response
    if fmt not in ("elements", "connections"):
        raise Http404(_("Export as xlsx, elements or connections."))
    response = HttpResponse(kumu.to_csv(fmt), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{fmt}.csv"'
    return response


@role_required(Role.SECRETARIAT)
def log_interaction(request, pk: int):
    """Record an interaction with its participants and an optional follow-up."""
    org = get_object_or_404(Organisation, pk=pk)
    form = InteractionForm(
        request.POST or None, organisation=org, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            interaction = form.save(commit=False)
            interaction.organisation = org
            interaction.recorded_by = request.user
            interaction.save()
            form.save_m2m()
            d = form.cleaned_data
            if d.get("follow_up"):
                FollowUp.objects.create(
                    interaction=interaction,
                    description=d["follow_up"],
                    owner=d["follow_up_owner"],
                    due_date=d["follow_up_due"],
                )
        messages.success(request, _("Interaction recorded."))
        return redirect("stakeholders:organisation", pk=org.pk)
    return _render(request, "stakeholders/interaction_form.html", {"form": form, "org": org})


@role_required(Role.SECRETARIAT)
def edit_organisation(request, pk: int | None = None):
    """Add an organisation or change one."""
    org = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        org = form.save()
        messages.success(request, _("Organisation saved."))
        return redirect("stakeholders:organisation", pk=org.pk)
    title = _("Change %(name)s") % {"name": org.name} if org else _("Add an organisation")
    return _render(request, "stakeholders/form.html", {"form": form, "title": title, "back": org})


@role_required(Role.SECRETARIAT)
def add_person(request, pk: int):
    """Add a contact person to an organisation."""
    org = get_object_or_404(Organisation, pk=pk)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        person.organisation = org
        person.save()
        messages.success(request, _("Contact saved."))
        return redirect("stakeholders:organisation", pk=org.pk)
    return _render(
        request,
        "stakeholders/form.html",
        {"form": form, "title": _("Add a contact to %(name)s") % {"name": org.name}, "back": org},
    )


@role_required(Role.SECRETARIAT)
def assess(request, pk: int):
    """Add a dated assessment of influence, interest and stance."""
    org = get_object_or_404(Organisation, pk=pk)
    form = AssessmentForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        a = form.save(commit=False)
        a.organisation = org
        a.assessed_by = request.user
        a.assessor_name = request.user.get_full_name() or request.user.username
        a.save()
        messages.success(request, _("Assessment recorded."))
        return redirect("stakeholders:organisation", pk=org.pk)
    return _render(request, "stakeholders/assessment_form.html", {"form": form, "org": org})


@role_required(Role.SECRETARIAT)
@require_POST
def follow_up_done(request, pk: int):
    """Mark a follow-up done."""
    f = get_object_or_404(FollowUp, pk=pk)
    f.done = True
    f.save(update_fields=["done"])
    return redirect("stakeholders:organisation", pk=f.interaction.organisation_id)


@role_required(Role.SECRETARIAT)
def erase(request, pk: int):
    """Confirm and erase a person on request; only an anonymised count remains."""
    person = get_object_or_404(Person, pk=pk)
    if request.method == "POST":
        org_pk = person.organisation_id
        services.erase_person(person)
        messages.success(request, _("The person was erased. Only an anonymised count remains."))
        return redirect("stakeholders:organisation", pk=org_pk)
    return _render(
        request,
        "stakeholders/erase.html",
        {"person": person, "erased": sum(e.count for e in ErasureLog.objects.all())},
    )
