"""The jobs of the register: the Kumu import of the page (read, check every row, then write all
or nothing) and the network analysis that follows every change of the register."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from . import kumu_read, network_store


@kind("kumu", gettext_lazy("Kumu import"), "stakeholders:network")
def import_kumu(job) -> Result:
    step(job, 0, 3, _("Reading the sheets"))
    try:
        sheets = kumu_read.read_sheets(
            job.file("elements"), job.file("connections"), xlsx=job.file("workbook")
        )
        counts = {"el": len(sheets[0]), "con": len(sheets[1])}
        step(job, 1, 3, _("Checking %(el)d elements and %(con)d connections") % counts)
        elements, connections = kumu_read.parse(*sheets)
    except kumu_read.KumuError as exc:
        raise Refused(exc.errors) from exc
    step(job, 2, 3, _("Writing %(el)d elements and %(con)d connections") % counts)
    n_el, n_con = kumu_read.store(elements, connections)
    return Result(
        _("Imported %(el)d elements and %(con)d connections.") % {"el": n_el, "con": n_con}
    )


@kind(network_store.KIND, gettext_lazy("Network analysis"), "stakeholders:network")
def analyse_network(job) -> Result:
    """Analyse and lay out the register's network and store it for the pages."""
    if network_store.up_to_date():
        return Result(_("The stored analysis is already up to date."))
    result = network_store.compute(lambda done, total, message: step(job, done, total, message))
    return Result(
        _("Analysed %(orgs)d organisations and %(rels)d relations in %(s).1f s.")
        % {"orgs": result.organisations, "rels": result.relations, "s": result.seconds}
    )
