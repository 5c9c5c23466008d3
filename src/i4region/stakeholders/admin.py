from django.contrib import admin

from .models import (
    Activity,
    Assessment,
    ErasureLog,
    FollowUp,
    Interaction,
    Organisation,
    Person,
    Relation,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "municipality", "is_sample", "published", "key_stakeholder")
    list_filter = ("type", "is_sample", "published", "key_stakeholder")
    search_fields = ("name", "company_code", "tags")
    autocomplete_fields = ("parent",)
    raw_id_fields = ("municipality", "region")
    filter_horizontal = ("representatives",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Erasing on request goes through the site's erase page, which also cleans the history."""

    list_display = ("name", "organisation", "role", "consent", "is_sample")
    search_fields = ("name", "organisation__name")
    autocomplete_fields = ("organisation",)


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ("source", "type", "target", "directed", "strength", "is_sample")
    list_filter = ("type", "directed", "is_sample")
    autocomplete_fields = ("source", "target")


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("date", "type", "organisation", "is_sample")
    list_filter = ("type", "is_sample")
    autocomplete_fields = ("organisation",)
    inlines = [FollowUpInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("organisation", "date", "influence", "interest", "stance")
    list_filter = ("stance",)
    autocomplete_fields = ("organisation",)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "theme", "target_group", "municipality")
    list_filter = ("theme", "target_group")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("municipality",)


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    list_display = ("date", "count")
