from django.shortcuts import render

from i4region.accounts.models import Role
from i4region.accounts.permissions import role_required

from .models import ImportBatch, Indicator


def indicators(request):
    """The indicator catalogue, grouped by theme."""
    items = Indicator.objects.filter(published=True).order_by("theme", "code")
    return render(request, "observatory/indicators.html", {"indicators": items})


@role_required(Role.SECRETARIAT)
def imports(request):
    """Every file imported: who, when, its SHA-256 and what it changed (secretariat only)."""
    batches = ImportBatch.objects.select_related("created_by")[:200]
    return render(request, "observatory/imports.html", {"batches": batches})
