from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en", "level", "kind", "country_code")
    list_filter = ("kind", "level", "country_code")
    search_fields = ("code", "name", "name_en", "name_lt")
    raw_id_fields = ("parent",)
