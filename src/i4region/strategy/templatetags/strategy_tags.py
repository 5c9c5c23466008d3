"""`{% load strategy_tags %}{% strategy_serves obj %}`: which measures and priorities a record serves.

Any page of the board, initiatives or stakeholders includes it, so a link made on the strategy
side shows on the record's own page too ("links from both sides").
"""

from django import template

from i4region.strategy import services

register = template.Library()


@register.inclusion_tag("strategy/_serves.html", takes_context=True)
def strategy_serves(context, obj) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "links": services.serves(obj, user),
        "anchor": f"{obj._meta.model_name}-{obj.pk}",
    }
