"""Pages of the strategy: the strategies, a strategy with its roll-up, a priority, a measure, the
coordination view, the talent path, and the secretariat's forms (core.generic)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from i4region.core import history
from i4region.core.exports import csv_response
from i4region.core.generic import ObjectDeleteView, ObjectEditView
from i4region.core.views import found

from . import exports, services, talent
from .forms import MeasureForm, MeasureLinkForm, PriorityForm, ServeForm, StrategyForm
from .models import LINK_MODELS, Measure, MeasureLink, Priority, Strategy, StrategyStatus


def _strategy(request, slug: str) -> Strategy:
    message = _("No such strategy, or it is not public yet.")
    return found(services.visible_strategies(request.user), message, slug=slug)


def index(request):
    """Every strategy this user may read, with its roll-up."""
    rows = [
        (s, services.summary_rows(services.progress(s).strategy))
        for s in services.visible_strategies(request.user)
    ]
    return render(
        request,
        "strategy/index.html",
        {"rows": rows, "can_edit": services.can_edit(request.user)},
    )


def detail(request, slug: str):
    """A strategy: its facts and sources, progress per priority, gaps and history."""
    strategy = _strategy(request, slug)
    result, priorities = services.progress_per_priority(strategy)
    return render(
        request,
        "strategy/detail.html",
        {
            "strategy": strategy,
            "summary": services.summary_rows(result.strategy),
            "result": result.strategy,
            "priorities": priorities,
            "can_edit": services.can_edit(request.user),
            "history": history.entries_for(strategy, limit=30)
            if services.can_edit(request.user)
            else [],
        },
    )


def _status(result) -> dict:
    """A priority's or a measure's progress, and its rows of counts per status."""
    return {"result": result, "summary": services.summary_rows(result)}


def priority(request, pk: int):
    """A priority: its measures with their targets, status and the records that serve them."""
    item = get_object_or_404(services.visible_priorities(request.user), pk=pk)
    result = services.progress(item.strategy)
    measures = [
        (m, services.summary_rows(result.measures[m.pk]), result.measures[m.pk])
        for m in item.measures.select_related("owner_organisation")
    ]
    return render(
        request,
        "strategy/priority.html",
        {
            "priority": item,
            **_status(result.priorities[item.pk]),
            "measures": measures,
            "gaps": services.gap_texts(result.priorities[item.pk]),
            "can_edit": services.can_edit(request.user),
        },
    )


def measure(request, pk: int):
    """A measure: objective, owner, targets with their Open SDG status, and what serves it."""
    item = get_object_or_404(services.visible_measures(request.user), pk=pk)
    result = services.progress(item.priority.strategy)
    targets = [result.targets[t.pk] for t in item.targets.select_related("indicator", "region")]
    can_edit = services.can_edit(request.user)
    return render(
        request,
        "strategy/measure.html",
        {
            "measure": item,
            **_status(result.measures[item.pk]),
            "targets": targets,
            "links": services.visible_links(request.user, item.links.all()),
            "can_edit": can_edit,
            "history": history.entries_for(item, limit=30) if can_edit else [],
        },
    )


def coordination(request, slug: str):
    """Priorities × organisations: who contributes how, with money by year, overlaps and gaps."""
    strategy = _strategy(request, slug)
    rows = services.coordination(strategy, request.user)
    return render(
        request,
        "strategy/coordination.html",
        {
            "strategy": strategy,
            "rows": rows,
            "current_year": services.today().year,
        },
    )


def talent_path(request):
    """The talent path: who works at each stage, participants, measures and context indicators."""
    stages, region = talent.talent_path(request.user)
    return render(request, "strategy/talent_path.html", {"stages": stages, "region": region})


def export_csv(request, name: str):
    """One of the strategy's open-data tables, as the user may see it."""
    public = not services.sees_drafts(request.user)
    table = next((t for t in exports.tables(public, False) if t.name == name), None)
    if table is None:
        raise Http404(_("No such table."))
    return csv_response(table, f"{name}.csv")


# --- the secretariat's forms -------------------------------------------------------------------


class SecretariatOnly:
    """The secretariat edits the strategy. A record of a strategy the visitor may not read (a
    draft) answers as a missing one (404), before any login redirect or refusal."""

    def get_queryset(self, request):
        return visible(self.model, request.user)

    def allowed(self, request, obj) -> bool:
        return services.can_edit(request.user)


def visible(model, user):
    """The records of `model` (the strategy or a part of it) of the strategies `user` may read."""
    if model is MeasureLink:
        return MeasureLink.objects.filter(measure__in=services.visible_measures(user))
    return {
        Strategy: services.visible_strategies,
        Priority: services.visible_priorities,
        Measure: services.visible_measures,
    }[model](user)


class StrategyEdit(SecretariatOnly, ObjectEditView):
    model = Strategy
    form_class = StrategyForm
    lookup = "slug"

    def save(self, request, form):
        verbs = {StrategyStatus.ADOPTED: "adopted", StrategyStatus.REVISED: "amended"}
        changed = "status" in form.changed_data and form.cleaned_data["status"] in verbs
        if changed:
            with history.verb(verbs[form.cleaned_data["status"]]):
                return super().save(request, form)
        return super().save(request, form)

    def cancel_url(self, request, obj):
        return obj.get_absolute_url() if obj else reverse("strategy:index")


class PartEdit(SecretariatOnly, ObjectEditView):
    """A priority of a strategy or a measure of a priority: a new one goes last under its parent,
    which the URL names."""

    parent_model: type[Strategy | Priority]
    parent_kwarg: str  # the URL keyword that names the parent …
    parent_lookup = "pk"  # … by this field of it
    parent_field: str
    siblings: str

    def get_object(self, request, **kwargs):
        if self.parent_kwarg in kwargs:
            self.parent()  # a new part of a strategy the visitor may not read: 404 first
        return super().get_object(request, **kwargs)

    def parent(self):
        lookup = {self.parent_lookup: self.kwargs[self.parent_kwarg]}
        return get_object_or_404(visible(self.parent_model, self.request.user), **lookup)

    def get_initial(self, request, obj):
        return {} if obj else {"position": getattr(self.parent(), self.siblings).count() + 1}

    def prepare(self, request, obj):
        if getattr(obj, f"{self.parent_field}_id") is None:
            setattr(obj, self.parent_field, self.parent())

    def cancel_url(self, request, obj):
        return (obj or self.parent()).get_absolute_url()


class PriorityEdit(PartEdit):
    model = Priority
    form_class = PriorityForm
    parent_model, parent_kwarg, parent_lookup = Strategy, "slug", "slug"
    parent_field, siblings = "strategy", "priorities"


class MeasureEdit(PartEdit):
    model = Measure
    form_class = MeasureForm
    parent_model, parent_kwarg = Priority, "priority"
    parent_field, siblings = "priority", "measures"


class LinkAdd(SecretariatOnly, ObjectEditView):
    """Link an initiative, activity, decision, action, challenge or proposal to a measure."""

    model = MeasureLink
    form_class = MeasureLinkForm

    def get_object(self, request, **kwargs):
        self.measure()  # a measure of a strategy the visitor may not read: 404 first
        return super().get_object(request, **kwargs)

    def measure(self) -> Measure:
        return get_object_or_404(visible(Measure, self.request.user), pk=self.kwargs["measure"])

    def form_kwargs(self, request, obj):
        visible = {
            kind: services.visible_records(services.linked_model(kind), request.user)
            for kind in LINK_MODELS
        }
        return {"measure": self.measure(), "visible": visible}

    def title(self, obj):
        return _("Link a record to the measure “%(measure)s”") % {"measure": self.measure()}

    def context(self, request, obj):
        return {"intro": _("Choose one record of one kind; leave the other lists empty.")}

    def cancel_url(self, request, obj):
        return self.measure().get_absolute_url()


class Serve(SecretariatOnly, ObjectEditView):
    """From the other side: the record's page sends the secretariat here to pick a measure."""

    model = MeasureLink
    form_class = ServeForm
    lookup = "link"  # never in the address: this view only creates links

    def record(self):
        kind = self.kwargs["kind"]
        if kind not in LINK_MODELS:
            raise Http404(_("No such kind of record."))
        model = services.linked_model(kind)
        return get_object_or_404(
            services.visible_records(model, self.request.user), pk=self.kwargs["pk"]
        )

    def form_kwargs(self, request, obj):
        return {"kind": self.kwargs["kind"], "record": self.record()}

    def title(self, obj):
        return _("Which measure of the strategy does “%(record)s” serve?") % {
            "record": self.record()
        }

    def success_url(self, request, obj):
        return obj.target.get_absolute_url()

    def cancel_url(self, request, obj):
        return self.record().get_absolute_url()


class PriorityDelete(SecretariatOnly, ObjectDeleteView):
    model = Priority

    def success_url(self, request, obj):
        return obj.strategy.get_absolute_url()


class MeasureDelete(SecretariatOnly, ObjectDeleteView):
    model = Measure

    def success_url(self, request, obj):
        return obj.priority.get_absolute_url()


class LinkDelete(SecretariatOnly, ObjectDeleteView):
    model = MeasureLink

    def success_url(self, request, obj):
        messages.info(request, _("The record no longer serves this measure."))
        return obj.measure.get_absolute_url()
