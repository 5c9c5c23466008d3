"""The secretariat's forms for the register, all through core.generic's one edit view: the same
login redirect, refusal, transaction, history verb and success message as every other app."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from i4region.accounts.permissions import is_secretariat
from i4region.core.generic import ObjectDeleteView, ObjectEditView

from .forms import (
    ActivityForm,
    AssessmentForm,
    InteractionForm,
    OrganisationForm,
    PersonForm,
    RelationForm,
)
from .models import Activity, Assessment, FollowUp, Interaction, Organisation, Person, Relation


class SecretariatOnly:
    """Only the secretariat keeps the register. An organisation named in the URL is looked up
    among those the visitor may see, so an unpublished one answers as a missing one (404) before
    any login redirect or refusal could tell them apart."""

    parent_field = (
        "organisation"  # where a record of the register hangs (an organisation itself: none)
    )

    def organisations(self, request: HttpRequest):
        return Organisation.objects.visible_to(request.user)

    def get_queryset(self, request: HttpRequest):
        """A record of an organisation the visitor may not see answers as a missing one."""
        parents = self.organisations(request)
        if self.model is Organisation:
            return parents
        return self.model._default_manager.filter(**{f"{self.parent_field}__in": parents})

    def allowed(self, request: HttpRequest, obj) -> bool:
        return is_secretariat(request.user)

    def refusal(self, request: HttpRequest, obj) -> str:
        return _("Only the board secretariat keeps the register of organisations.")


class OrganisationEdit(SecretariatOnly, ObjectEditView):
    model = Organisation
    form_class = OrganisationForm


class ChildEdit(SecretariatOnly, ObjectEditView):
    """A record of one organisation: created at organisation/<org>/…, changed at …/<pk>/edit/."""

    def get_object(self, request, **kwargs):
        obj = super().get_object(request, **kwargs)
        if obj is None:
            self.parent(None)  # a new record of an organisation the visitor may not see: 404
        return obj

    def parent(self, obj) -> Organisation:
        if obj is not None:
            return getattr(obj, self.parent_field)
        return get_object_or_404(self.organisations(self.request), pk=self.kwargs["org"])

    def prepare(self, request, obj) -> None:
        if obj.pk is None:
            setattr(obj, self.parent_field, self.parent(None))

    def cancel_url(self, request, obj) -> str:
        return self.parent(obj).get_absolute_url()

    def title(self, obj) -> str:
        return f"{super().title(obj)}: {self.parent(obj).name}"

    def context(self, request, obj) -> dict:
        org = self.parent(obj)
        return {"parent_link": {"url": org.get_absolute_url(), "label": org.name}}


class PersonEdit(ChildEdit):
    model = Person
    form_class = PersonForm


class RelationEdit(ChildEdit):
    model = Relation
    form_class = RelationForm
    parent_field = "source"

    def form_kwargs(self, request, obj) -> dict:
        return {"source": self.parent(obj)}


class InteractionEdit(ChildEdit):
    model = Interaction
    form_class = InteractionForm

    def form_kwargs(self, request, obj) -> dict:
        return {"organisation": self.parent(obj)}

    def get_initial(self, request, obj) -> dict:
        return {} if obj else {"date": timezone.localdate()}

    def save(self, request, form) -> Interaction:
        interaction = form.save(commit=False)
        if interaction.pk is None:
            interaction.organisation = self.parent(None)
            interaction.recorded_by = request.user
        interaction.save()
        form.save_m2m()
        data = form.cleaned_data
        if data.get("follow_up"):
            FollowUp.objects.create(
                interaction=interaction,
                description=data["follow_up"],
                owner=data["follow_up_owner"],
                due_date=data["follow_up_due"],
            )
        return interaction


class AssessmentEdit(ChildEdit):
    model = Assessment
    form_class = AssessmentForm

    def get_initial(self, request, obj) -> dict:
        return {} if obj else {"date": timezone.localdate()}

    def prepare(self, request, obj) -> None:
        super().prepare(request, obj)
        if obj.assessed_by_id is None:
            obj.assessed_by = request.user
            obj.assessor_name = request.user.get_full_name() or request.user.get_username()


class ActivityEdit(ChildEdit):
    model = Activity
    form_class = ActivityForm


class ChildDelete(SecretariatOnly, ObjectDeleteView):
    def success_url(self, request, obj) -> str:
        return getattr(obj, self.parent_field).get_absolute_url()


class RelationDelete(ChildDelete):
    model = Relation
    parent_field = "source"


class ActivityDelete(ChildDelete):
    model = Activity
