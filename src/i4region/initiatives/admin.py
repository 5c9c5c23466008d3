from django.contrib import admin

from .models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue


class BudgetInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class FundingInline(admin.TabularInline):
    model = FundingLine
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "type", "lifecycle", "status", "published", "is_sample"]
    list_filter = ["type", "lifecycle", "status", "published", "theme"]
    search_fields = ["slug", "name_en", "name_lt", "owner_organisation__name"]
    autocomplete_fields = ["owner_organisation"]
    filter_horizontal = ["managers", "partners", "decisions"]
    inlines = [BudgetInline, FundingInline]


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ["initiative", "code", "kind", "name_en", "target_value"]


@admin.register(KpiValue)
class KpiValueAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period", "value", "qualifier"]


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["initiative", "text", "value", "unit", "source_url"]
