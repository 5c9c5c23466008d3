"""Create, change and delete an initiative and the records under it, through core.generic.

Who may: the secretariat creates and deletes initiatives and edits all of them; an initiative
manager edits the initiatives they manage and every line under them. Everyone else is refused
(403), anonymous visitors go to the login page. An initiative the visitor may not read is looked
up through `visible_to` before either, so its pages answer 404 exactly as for a missing one.
History and success messages are the base's.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from i4region.core.generic import ObjectDeleteView, ObjectEditView

from . import services
from .forms import (
    BudgetLineForm,
    FactForm,
    FundingLineForm,
    InitiativeForm,
    KpiForm,
    KpiValueForm,
    SecretariatInitiativeForm,
)
from .models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue

MONEY_HINT = gettext_lazy(
    "Amounts in euros (EUR), with a dot or comma for cents. Leave a figure empty when it is not "
    "known."
)


def _parent_link(initiative: Initiative) -> dict:
    return {"url": initiative.get_absolute_url(), "label": initiative.name}


class VisibleInitiative:
    """The initiative is found among those the visitor may read (404 otherwise, before any guard:
    the base's queryset is the model's `visible_to`)."""

    model = Initiative
    lookup = "slug"


class InitiativeEdit(VisibleInitiative, ObjectEditView):
    def allowed(self, request, obj) -> bool:
        if obj is None:
            return services.can_create(request.user)
        return services.can_edit(request.user, obj)

    def get_form_class(self, request, obj):
        secretariat = services.can_create(request.user)
        return SecretariatInitiativeForm if secretariat else InitiativeForm

    def success_url(self, request, obj) -> str:
        return obj.get_absolute_url()

    def cancel_url(self, request, obj) -> str:
        return obj.get_absolute_url() if obj else reverse("initiatives:dashboard")

    def context(self, request, obj) -> dict:
        return {"parent_link": _parent_link(obj)} if obj else {}


class InitiativeDelete(VisibleInitiative, ObjectDeleteView):
    def allowed(self, request, obj) -> bool:
        return services.can_create(request.user)

    def success_url(self, request, obj) -> str:
        return reverse("initiatives:dashboard")


class ChildMixin:
    """A record under an initiative: found through the initiative in the URL, edited by its editors."""

    parent_path = "initiative"

    def get_object(self, request, **kwargs):
        visible = Initiative.objects.visible_to(request.user)
        self._initiative = get_object_or_404(visible, slug=kwargs["slug"])
        return super().get_object(request, **kwargs)

    def initiative(self) -> Initiative:
        return self._initiative

    def get_queryset(self, request):
        return self.model._default_manager.filter(**{self.parent_path: self.initiative()})

    def allowed(self, request, obj) -> bool:
        return services.can_edit(request.user, self.initiative())

    def success_url(self, request, obj) -> str:
        return self.initiative().get_absolute_url()


class ChildEdit(ChildMixin, ObjectEditView):
    def form_kwargs(self, request, obj):
        return {"initiative": self.initiative()}

    def cancel_url(self, request, obj) -> str:
        return self.initiative().get_absolute_url()

    def title(self, obj) -> str:
        return f"{self.initiative().name}: {super().title(obj)}"

    def context(self, request, obj) -> dict:
        return {"parent_link": _parent_link(self.initiative()), "intro": MONEY_HINT}


class ChildDelete(ChildMixin, ObjectDeleteView):
    pass


def _views(model, form_class, parent_path: str = "initiative"):
    attrs = {"model": model, "parent_path": parent_path}
    edit = type(f"{model.__name__}Edit", (ChildEdit,), {**attrs, "form_class": form_class})
    delete = type(f"{model.__name__}Delete", (ChildDelete,), attrs)
    return edit, delete


# URL segment → (edit view, delete view); the URL names are "<name>_add", "_edit", "_delete".
CHILDREN = {
    "budget": _views(BudgetLine, BudgetLineForm),
    "funding": _views(FundingLine, FundingLineForm),
    "kpi": _views(Kpi, KpiForm),
    "kpi-value": _views(KpiValue, KpiValueForm, "kpi__initiative"),
    "fact": _views(Fact, FactForm),
}
