"""One way to show, edit and delete a record, for every app (after NetBox's generic views).

A view names its model, form and permission rule; the base does the rest the same way
everywhere: anonymous visitors are sent to the login page, a refused user gets 403, the form is
rendered by Django's form renderer in `core/object_edit.html`, the save runs in one transaction
under the history verb the view names (`core.history` records who, when and before → after),
and the user sees a success message in their language.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from . import history


class RecordView(View):
    """Shared by the views below: load the record, check who may act on it."""

    model: type[models.Model]
    lookup: str = "pk"  # the URL keyword that names the record
    # the model field it matches: by default the field of that name, else the primary key
    # (a URL such as founders/<founder>/ names a record by its id under a readable keyword)
    lookup_field: str | None = None

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        """The records the visitor may see (the model's `visible_to` rule, when it has one), so a
        record they may not see answers 404 like a missing one, before any login redirect or
        refusal could tell the two apart."""
        records = self.model._default_manager.all()
        return records.visible_to(request.user) if hasattr(records, "visible_to") else records

    def _lookup_field(self) -> str:
        if self.lookup_field:
            return self.lookup_field
        names = {f.name for f in self.model._meta.get_fields()} | {
            f.attname for f in self.model._meta.concrete_fields
        }
        return self.lookup if self.lookup in names else "pk"

    def get_object(self, request: HttpRequest, **kwargs) -> models.Model | None:
        if self.lookup not in kwargs:
            return None  # creating a new record
        return get_object_or_404(
            self.get_queryset(request), **{self._lookup_field(): kwargs[self.lookup]}
        )

    def allowed(self, request: HttpRequest, obj: models.Model | None) -> bool:
        """Who may act here; override per view. The default is nobody but an administrator."""
        return request.user.is_superuser

    def guard(self, request: HttpRequest, obj: models.Model | None) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request, obj):
            raise PermissionDenied(self.refusal(request, obj))
        return None

    def refusal(self, request: HttpRequest, obj: models.Model | None) -> str:
        """The reason shown on the 403 page, in the user's language."""
        return _("Your role does not allow this. Ask the board secretariat if you need it.")


class ObjectEditView(RecordView):
    """Create (no lookup in the URL) or change a record through a model form."""

    form_class: type[ModelForm]
    template_name = "core/object_edit.html"
    history_verb: str | None = None  # None: "created" or "changed"

    def get_initial(self, request: HttpRequest, obj: models.Model | None) -> dict:
        return {}

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict:
        """What the form needs besides the record and its data (the board, the parent…)."""
        return {}

    def get_form_class(self, request: HttpRequest, obj: models.Model | None) -> type[ModelForm]:
        return self.form_class

    def get_form(self, request: HttpRequest, obj: models.Model | None, data=None, files=None):
        return self.get_form_class(request, obj)(
            data=data,
            files=files,
            instance=obj,
            initial=self.get_initial(request, obj),
            **self.form_kwargs(request, obj),
        )

    def prepare(self, request: HttpRequest, obj: models.Model) -> None:
        """Set what the form does not carry (the parent record, the author) before saving."""

    def save(self, request: HttpRequest, form) -> models.Model:
        obj = form.save(commit=False)
        self.prepare(request, obj)
        obj.save()
        form.save_m2m()
        return obj

    def success_url(self, request: HttpRequest, obj: models.Model) -> str:
        return obj.get_absolute_url()

    def cancel_url(self, request: HttpRequest, obj: models.Model | None) -> str:
        return obj.get_absolute_url() if obj is not None else request.META.get("HTTP_REFERER", "/")

    def title(self, obj: models.Model | None) -> str:
        name = self.model._meta.verbose_name
        return _("Change %(name)s") % {"name": name} if obj else _("New %(name)s") % {"name": name}

    def context(self, request: HttpRequest, obj: models.Model | None) -> dict:
        return {}

    def dispatch(self, request, *args, **kwargs):
        obj = self.get_object(request, **kwargs)
        refused = self.guard(request, obj)
        if refused is not None:
            return refused
        form = self.get_form(request, obj)
        if request.method == "POST":
            form = self.get_form(request, obj, request.POST, request.FILES)
            if form.is_valid():
                created = obj is None
                with (
                    transaction.atomic(),
                    history.verb(self.history_verb or ("created" if created else "changed")),
                ):
                    saved = self.save(request, form)
                message = _("Created: %(record)s") if created else _("Saved: %(record)s")
                messages.success(request, message % {"record": saved})
                return redirect(self.success_url(request, saved))
        elif request.method != "GET":
            return HttpResponse(status=405)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "object": obj,
                "title": self.title(obj),
                "cancel_url": self.cancel_url(request, obj),
                **self.context(request, obj),
            },
        )


class ObjectDeleteView(RecordView):
    """Confirm, then delete one record; the history keeps what it was."""

    template_name = "core/object_delete.html"

    def success_url(self, request: HttpRequest, obj: models.Model) -> str:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        obj = self.get_object(request, **kwargs)
        refused = self.guard(request, obj)
        if refused is not None:
            return refused
        if request.method == "POST":
            target = self.success_url(request, obj)
            label = str(obj)
            with transaction.atomic(), history.verb("deleted"):
                obj.delete()
            messages.success(request, _("Deleted: %(record)s") % {"record": label})
            return redirect(target)
        if request.method != "GET":
            return HttpResponse(status=405)
        return render(
            request, self.template_name, {"object": obj, "cancel_url": obj.get_absolute_url()}
        )
