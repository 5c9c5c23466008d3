"""`{% load strategy_tags %}{% strategy_serves obj %}`: which measures and priorities a record serves.

Any page of the board, initiatives or stakeholders includes it, so a link made on the strategy
side shows on the record's own page too ("links from both sides"); the secretariat also gets a
link to pick the measure from there.
"""

from django import template
from django.urls import reverse

from i4region.strategy import services

register = template.Library()


@register.inclusion_tag("strategy/_serves.html", takes_context=True)
def strategy_serves(context, obj) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = services.kind_of(obj)
    serve_url = ""
    if kind and obj.pk and services.can_edit(user):
        serve_url = reverse("strategy:serve", args=[kind, obj.pk])
    return {
        "links": services.serves(obj, user),
        "anchor": f"{obj._meta.model_name}-{obj.pk}",
        "serve_url": serve_url,
    }


@register.inclusion_tag("strategy/_progress.html", takes_context=True)
def strategy_progress(context) -> dict:
    """Progress per priority of every strategy the reader may see (board briefing, public page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "strategies": [
            (s, services.progress_per_priority(s)[1]) for s in services.visible_strategies(user)
        ]
    }
