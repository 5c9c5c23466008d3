import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required
from i4region.core import history
from i4region.jobs import services as jobs
from i4region.regions.models import Region

from . import erasure, kumu, network_store, references, services
from . import grid as power_grid
from . import network as net
from .forms import MAX_UPLOAD, KumuImportForm, NetworkFilterForm
from .kumu_read import MAX_ROWS
from .models import (
    INTERNAL_ROLES as INTERNAL,
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


def _param(request, name: str, max_length: int = 200) -> str:
    """A text query parameter; a NUL byte or an absurd length is a bad request, not a 500."""
    value = request.GET.get(name, "")
    if "\x00" in value or len(value) > max_length:
        raise BadRequest(_("The parameter %(name)s is not valid.") % {"name": name})
    return value.strip()


def organisations(request):
    """The organisations this user may see, filterable by type and municipality."""
    qs = services.visible_organisations(request.user)
    kind = _param(request, "type")
    if kind in OrgType.values:
        qs = qs.filter(type=kind)
    municipality = _param(request, "municipality")
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    q = _param(request, "q")
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
    """One organisation: public fields for all who may see it, the working record for insiders,
    and everything in the product that refers to it."""
    visible = services.visible_organisations(request.user)
    org = visible.filter(pk=pk).first()
    if org is None:
        raise Http404(_("No such organisation, or it is not published."))
    full = services.sees_full_record(request.user, org)
    internal = services.is_internal(request.user)
    ctx = {
        "org": org,
        "full": full,
        "contacts": services.can_see_contacts(request.user),
        "internal": internal,
        "referring": references.referring(org, request.user),
    }
    if full:
        # a representative sees ties only with organisations they may see
        ids = None if internal else set(visible.values_list("pk", flat=True))
        out = org.relations_out.select_related("target")
        incoming = org.relations_in.select_related("source")
        ctx.update(
            divisions=org.divisions.filter(pk__in=visible.values("pk")),
            relations_out=[r for r in out if ids is None or r.target_id in ids],
            relations_in=[r for r in incoming if ids is None or r.source_id in ids],
            activities=org.activities.select_related("municipality", "initiative"),
        )
    if internal:
        eco = net.analyse()
        nid = net.node_id(org.pk)
        actor = next((a for a in net.ranked_actors(eco, top=None) if a.id == nid), None)
        ctx.update(
            metrics=eco.analysis.nodes.get(nid),
            actor=actor,
            reasons=(actor.reasons_lt if _lang() == "lt" else actor.reasons_en) if actor else "",
            assessments=org.assessments.all()[:10],
            interactions=org.interactions.prefetch_related(
                "participants", "participant_organisations", "follow_ups__owner"
            )[:20],
            joined=org.interactions_joined.select_related("organisation")[:20],
        )
    if ctx["contacts"]:
        ctx["people"] = org.people.all()
        ctx["history"] = history.entries_for(org, limit=50)
    return _render(request, "stakeholders/organisation.html", ctx)


def _network_request(request):
    form = NetworkFilterForm(request.GET or None, municipalities=_county_municipalities())
    data = form.cleaned_data if form.is_valid() else {}
    flt = net.NetworkFilter(
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
    return net.network_svg(
        eco,
        colour_by=colour,
        size_by=size,
        labels=names,
        link=reverse("stakeholders:organisation", args=[0]).replace("/0/", "/{pk}/"),
        title=_("Stakeholder network"),
        legend_title=_("Community") if colour == "community" else _("Organisation type"),
    )


def _analysis_state(head) -> dict:
    """What the page says about the stored analysis (network_store.head()): none yet or stale,
    with the job that computes it and its progress, or nothing when it is up to date."""
    stamp = network_store.data_stamp()
    stale = head is None or head.stamp != stamp
    return {
        "computed": head is not None,
        "computed_at": head.computed_at if head else None,
        "stale": stale,
        "stamp": stamp,
        "job": network_store.pending_job() if stale else None,
    }


PICTURE_SECONDS = 24 * 3600
_pictures: dict[str, str] = {}


@role_required(*INTERNAL)
def network(request):
    """The network picture with filters, statistics, communities and brokers, from the stored
    analysis (the page computes nothing: the network job does, after each change). The picture
    and its tables are cached per stored result, state of the data, filter and language."""
    form, flt, colour, size = _network_request(request)
    state = _analysis_state(network_store.head())
    ctx = {"form": form, "query": request.GET.urlencode(), **state}
    if not state["computed"]:
        if state["job"]:
            ctx["refresh"] = 5
        orgs = flt.organisations().only("pk", "name", "is_sample").order_by("name")
        return _render(request, "stakeholders/network.html", {**ctx, "waiting": orgs})
    key = (
        "stakeholders:network-page:"
        + hashlib.sha256(
            repr((state["computed_at"], state["stamp"], get_language(), flt, colour, size)).encode()
        ).hexdigest()
    )
    picture = _pictures.get(key) or cache.get(key)
    if picture is None:
        picture = render_to_string(
            "stakeholders/_network_picture.html", _picture(request, flt, colour, size), request
        )
        cache.set(key, picture, PICTURE_SECONDS)
    if len(_pictures) >= 16:  # this process keeps the last few pictures in memory as well
        _pictures.pop(next(iter(_pictures)))
    _pictures[key] = picture
    return _render(request, "stakeholders/network.html", {**ctx, "picture": mark_safe(picture)})


def _picture(request, flt, colour: str, size: str) -> dict:
    eco = net.analyse(flt)
    a = eco.analysis
    brokers = [eco.organisations[b] for b in a.brokers[:10]]
    communities = [(c, [eco.organisations[m] for m in c.members[:8]]) for c in a.communities]
    # the same nodes as a table, for screen readers and for reading: most central first
    rows = sorted(a.nodes.values(), key=lambda n: (-n.betweenness, -n.degree, n.label))
    types = dict(OrgType.choices)
    return {
        "svg": _svg(eco, colour, size),
        "stats": a.stats,
        "brokers": brokers,
        "communities": communities,
        "nodes": [(eco.organisations[n.id], types.get(n.type, n.type), n) for n in rows],
        "query": request.GET.urlencode(),
        "approximate": a.betweenness_approximate,
        "filtered": bool(flt.types or flt.municipality or flt.relation_types),
    }


@role_required(*INTERNAL)
def network_svg(request):
    """The same picture as a standalone SVG file, for reports."""
    _form, flt, colour, size = _network_request(request)
    response = HttpResponse(
        _svg(net.analyse(flt), colour, size), content_type="image/svg+xml; charset=utf-8"
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="stakeholder-network.svg"'
    return response


@role_required(*INTERNAL)
def key_actors(request):
    """Actors ranked by centrality, influence and stance, each rank explained in words."""
    eco = net.analyse()
    actors = [a for a in net.ranked_actors(eco, top=None) if a.id in eco.organisations][:30]
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
        request,
        "stakeholders/key_actors.html",
        {"rows": rows, "stats": eco.analysis.stats, **_analysis_state(eco.result)},
    )


@role_required(*INTERNAL)
def grid(request):
    """Power–interest grid from the latest assessments, with movement since the previous one;
    the numbered list beside it names every dot for screen readers and for print."""
    latest = power_grid.latest_assessments()
    orgs = Organisation.objects.in_bulk(list(latest))
    names = {k: o.name for k, o in orgs.items()}
    svg = power_grid.grid_svg(
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
    moves = [(orgs[k], now, before) for k, now, before in power_grid.movements(latest)]
    moves.sort(key=lambda m: m[0].name)
    current = [(orgs[k], latest[k][0]) for k in power_grid.dot_order(latest, names)]
    return _render(
        request, "stakeholders/grid.html", {"svg": svg, "moves": moves, "current": current}
    )


@role_required(*INTERNAL)
def activities(request):
    """Who does what: the register and the theme × target group coverage per municipality."""
    municipalities = _county_municipalities()
    municipality = _param(request, "municipality")
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
    """Import a Kumu sheet in a job (atomic, every error with its line) and export links."""
    form = KumuImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = {k: form.cleaned_data.get(k) for k in ("workbook", "elements", "connections")}
        subject = (files["workbook"] or files["elements"]).name
        return redirect(jobs.submit(request.user, "kumu", subject, files))
    limits = {"max_mb": MAX_UPLOAD // 2**20, "max_rows": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
    return _render(request, "stakeholders/kumu.html", {"form": form, **limits})


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
@require_POST
def follow_up_done(request, pk: int):
    """Mark a follow-up done."""
    f = get_object_or_404(FollowUp, pk=pk)
    f.done = True
    f.save(update_fields=["done"])
    messages.success(request, _("Follow-up done: %(what)s") % {"what": f.description})
    return redirect(f.get_absolute_url())


@role_required(Role.SECRETARIAT)
def erase(request, pk: int):
    """Confirm and erase a person on request; only an anonymised count remains."""
    person = get_object_or_404(Person, pk=pk)
    if request.method == "POST":
        org_pk = person.organisation_id
        erasure.erase_person(person)
        messages.success(request, _("The person was erased. Only an anonymised count remains."))
        return redirect("stakeholders:organisation", pk=org_pk)
    return _render(
        request,
        "stakeholders/erase.html",
        {"person": person, "erased": sum(e.count for e in ErasureLog.objects.all())},
    )
