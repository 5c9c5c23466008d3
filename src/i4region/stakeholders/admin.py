from django.contrib import admin

from . import models


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "municipality", "is_sample", "published", "key_stakeholder")
    list_filter = ("type", "is_sample", "published", "key_stakeholder")
    search_fields = ("name", "company_code", "tags")
    autocomplete_fields = ("parent",)
    raw_id_fields = ("municipality", "region")
    filter_horizontal = ("representatives",)


class FollowUpInline(admin.TabularInline):
    model = models.FollowUp
    extra = 0


class OfOrganisation(admin.ModelAdmin):
    """A record of one organisation, picked by name."""

    autocomplete_fields = ("organisation",)


# Erasing a person on request goes through the site's erase page, which also cleans the history.
RECORDS = {
    models.Person: {
        "list_display": ("name", "organisation", "role", "consent", "is_sample"),
        "search_fields": ("name", "organisation__name"),
    },
    models.Relation: {
        "list_display": ("source", "type", "target", "directed", "strength", "is_sample"),
        "list_filter": ("type", "directed", "is_sample"),
        "autocomplete_fields": ("source", "target"),
    },
    models.Interaction: {
        "list_display": ("date", "type", "organisation", "is_sample"),
        "list_filter": ("type", "is_sample"),
        "inlines": [FollowUpInline],
    },
    models.Assessment: {
        "list_display": ("organisation", "date", "influence", "interest", "stance"),
        "list_filter": ("stance",),
    },
    models.Activity: {
        "list_display": ("name", "organisation", "theme", "target_group", "municipality"),
        "list_filter": ("theme", "target_group"),
        "raw_id_fields": ("municipality",),
    },
}
for model, options in RECORDS.items():
    admin.site.register(model, type(f"{model.__name__}Admin", (OfOrganisation,), options))


@admin.register(models.ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    list_display = ("date", "count")
