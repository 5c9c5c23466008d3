from django.contrib import admin

from .models import Measure, MeasureLink, Priority, Strategy


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ("position", "title_en", "title_lt", "is_sample")


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("title_en", "status", "period_start", "period_end", "is_sample")
    list_filter = ("status", "is_sample")
    inlines = [PriorityInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("title_en", "priority", "owner_organisation", "is_sample")
    autocomplete_fields = ("owner_organisation",)
    filter_horizontal = ("targets",)


@admin.register(MeasureLink)
class MeasureLinkAdmin(admin.ModelAdmin):
    list_display = ("measure", "kind", "note")
    list_filter = ("kind",)
    raw_id_fields = (
        "measure",
        "initiative",
        "activity",
        "decision",
        "action",
        "challenge",
        "proposal",
    )
