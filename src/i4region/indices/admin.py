from django.contrib import admin

from .models import IndexFramework, IndexRun


@admin.register(IndexFramework)
class IndexFrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name_en", "reference_year", "created_at")
    readonly_fields = ("created_at",)


@admin.register(IndexRun)
class IndexRunAdmin(admin.ModelAdmin):
    """Runs are evidence: read-only here, created only through services."""

    list_display = ("id", "framework", "published", "engine_version", "created_at", "created_by")
    list_filter = ("published",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
