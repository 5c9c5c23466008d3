"""The region page: the profile from observatory.profile, with the visitor's peers."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from i4region.regions.models import Region
from i4region.regions.services import parse_codes, refuse_nul

from .profile import region_profile

MAX_PEERS = 6


def detail(request, code: str):
    if "\x00" in code:
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code[:40]})
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:
        upper = Region.objects.filter(code=code.upper()).first()
        if upper is not None:
            return redirect("regions:detail", code=upper.code)
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code[:40]})
    refuse_nul(request, "peers")
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    peers, unknown_peers = parse_codes(request.GET.getlist("peers"), MAX_PEERS + 1)
    peers = [r for r in peers if r != region][:MAX_PEERS]
    profile = region_profile(region, lang, peers)
    return render(
        request,
        "observatory/region.html",
        {
            **profile,
            "ancestors": region.ancestors(),
            "children": region.children.exclude(kind="municipality").order_by("code"),
            "peers": peers,
            "unknown_peers": unknown_peers,
            "peer_codes": ",".join(r.code for r in peers),
        },
    )
