from django.contrib import admin

from .models import Response, Score


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    readonly_fields = ("scored_with", "dimension", "value", "band")
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("organisation", "model", "version", "wave", "status", "date", "is_sample")
    list_filter = ("model", "wave", "status", "is_sample")
    search_fields = ("organisation__name",)
    readonly_fields = ("version", "answers", "submitted_at")
    inlines = [ScoreInline]
