"""Admin for the board workspace; the one history (core.history) records every save."""

from django.contrib import admin

from . import models


class TrackedAdmin(admin.ModelAdmin):
    """Saves are recorded by the history's model signals, with the request's user as actor."""


def inline(model) -> type[admin.TabularInline]:
    """The records of `model` as a table inside their parent's page, with no empty rows."""
    attrs = {"model": model, "extra": 0, "__module__": __name__}
    return type(f"{model.__name__}Inline", (admin.TabularInline,), attrs)


def listed(model, columns: tuple[str, ...], part=None, **options) -> None:
    """Register `model` with these list columns, and its `part` records as a table in its page."""
    inlines = [inline(part)] if part else []
    admin.site.register(model, TrackedAdmin, list_display=columns, inlines=inlines, **options)


listed(models.Board, ("name_en", "kind", "founding_year", "published", "is_sample"), models.Founder)
listed(
    models.Membership,
    ("person_name", "board", "position", "sector", "designated_on", "ended_on", "is_sample"),
    list_filter=("board", "sector", "position"),
)
listed(
    models.Meeting,
    ("title", "board", "starts_at", "minutes_status", "is_sample"),
    models.AgendaItem,
)
listed(models.Challenge, ("title_en", "board", "severity", "status", "published", "is_sample"))
listed(models.Proposal, ("title", "board", "state", "published", "is_sample"))


@admin.register(models.Decision)
class DecisionAdmin(TrackedAdmin):
    list_display = ("title", "board", "state", "quorum_met", "is_sample")

    def get_readonly_fields(self, request, obj=None):
        """Decided decisions change only through an amendment (in the workspace)."""
        if obj is not None and obj.decided:
            return [f.name for f in obj._meta.fields]
        return ()


@admin.register(models.Action)
class ActionAdmin(TrackedAdmin):
    list_display = ("title", "board", "parent", "status", "progress", "weight", "is_sample")

    def save_model(self, request, obj, form, change):
        # imported here: the services reach the observatory (pandas, polars), and every command
        # loads the admin at start-up
        from .services import save_action

        save_action(obj, request.user)
