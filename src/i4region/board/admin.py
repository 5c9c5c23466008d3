"""Admin for the board workspace: every save is recorded in the board's history."""

from django.contrib import admin

from . import models, services


class TrackedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save_tracked(obj, request.user)


class FounderInline(admin.TabularInline):
    model = models.Founder
    extra = 0


@admin.register(models.Board)
class BoardAdmin(TrackedAdmin):
    list_display = ("name_en", "kind", "founding_year", "published", "is_sample")
    inlines = [FounderInline]


@admin.register(models.Membership)
class MembershipAdmin(TrackedAdmin):
    list_display = (
        "person_name",
        "board",
        "position",
        "sector",
        "designated_on",
        "ended_on",
        "is_sample",
    )
    list_filter = ("board", "sector", "position")


class AgendaInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(TrackedAdmin):
    list_display = ("title", "board", "starts_at", "minutes_status", "is_sample")
    inlines = [AgendaInline]


@admin.register(models.Challenge)
class ChallengeAdmin(TrackedAdmin):
    list_display = ("title_en", "board", "severity", "status", "published", "is_sample")


@admin.register(models.Proposal)
class ProposalAdmin(TrackedAdmin):
    list_display = ("title", "board", "state", "published", "is_sample")


@admin.register(models.Decision)
class DecisionAdmin(TrackedAdmin):
    list_display = ("title", "board", "status", "outcome", "quorum_met", "is_sample")

    def get_readonly_fields(self, request, obj=None):
        """Approved decisions change only through an amendment (in the workspace)."""
        if obj is not None and obj.status == models.DecisionStatus.APPROVED:
            return [f.name for f in obj._meta.fields]
        return ()


@admin.register(models.Action)
class ActionAdmin(TrackedAdmin):
    list_display = ("title", "board", "parent", "status", "progress", "weight", "is_sample")

    def save_model(self, request, obj, form, change):
        services.save_action(obj, request.user)


@admin.register(models.HistoryEntry)
class HistoryAdmin(admin.ModelAdmin):
    list_display = ("at", "user_name", "verb", "target_label", "board")
    list_filter = ("board",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
