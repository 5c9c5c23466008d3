from django.contrib import admin

from .models import ImportBatch, Indicator, Observation, ObservationNote, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "theme", "source_dataset", "formula", "manual", "published"]
    list_filter = ["theme", "manual", "published"]
    search_fields = ["code", "name_en", "name_lt"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "region", "period", "value", "flag", "vintage"]
    list_filter = ["vintage"]
    search_fields = ["indicator__code", "region__code"]
    raw_id_fields = ["indicator", "region", "batch"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["file_name", "vintage", "created_at", "created_by_name", "added", "updated"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "region", "value", "year", "baseline_year"]
    raw_id_fields = ["region"]


@admin.register(ObservationNote)
class ObservationNoteAdmin(admin.ModelAdmin):
    list_display = ["indicator", "region", "period", "vintage", "reason", "text_en"]
    list_filter = ["reason"]
    raw_id_fields = ["region"]
