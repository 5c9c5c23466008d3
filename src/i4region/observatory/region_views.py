"""The region page: the profile from observatory.profile, with the visitor's peers.

The page's content is the same for every visitor of one region, language and set of peers, so
it is rendered once per state of the data (`profile.fragment`) and only the frame around it
(menu, sign-in, language links, the notice about unknown peer codes) is rendered per request.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from i4region.regions.models import Region
from i4region.regions.services import parse_codes, refuse_nul

from .pages import fragment, shared_page
from .profile import region_profile

MAX_PEERS = 6
NOTICE = "<!--peers-notice-->"


def _content(request, code: str, lang: str, peers: list[Region]) -> dict | None:
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:
        return None
    profile = region_profile(region, lang, peers)
    html = render_to_string(
        "observatory/_region_profile.html",
        {
            **profile,
            "ancestors": region.ancestors(),
            "children": region.children.exclude(kind="municipality").order_by("code"),
            "peers": peers,
            "peer_codes": ",".join(r.code for r in peers),
            # the chart embed code names the site's address
            "request": request,
        },
    )
    top, rest = html.split(NOTICE, 1)
    return {"title": region.display_name, "top": top, "rest": rest}


def detail(request, code: str):
    return shared_page(request, lambda: _page(request, code))


def _page(request, code: str):
    if "\x00" in code:
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code[:40]})
    refuse_nul(request, "peers")
    lang = (request.LANGUAGE_CODE or "lt")[:2]
    peers, unknown_peers = parse_codes(request.GET.getlist("peers"), MAX_PEERS + 1)
    peers = [r for r in peers if r.code != code][:MAX_PEERS]
    parts = ("region", code, lang, tuple(r.code for r in peers), request.scheme, request.get_host())
    page = fragment(parts, lambda: _content(request, code, lang, peers))
    if page is None:
        upper = Region.objects.filter(code=code.upper()).first()
        if upper is not None:
            return redirect("regions:detail", code=upper.code)
        raise Http404(_("There is no region with the code “%(code)s”.") % {"code": code[:40]})
    return render(
        request, "observatory/region.html", {"page": page, "unknown_peers": unknown_peers}
    )
