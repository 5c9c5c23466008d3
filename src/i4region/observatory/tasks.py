"""The statistics file import of the upload page, run as a job: one release, all rows or none."""

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from .catalogue import maps_for_dataset
from .importing import ImportRefused, guess_vintage, import_file, read_table


@kind("observatory_file", gettext_lazy("Statistics file import"), "observatory:imports")
def import_statistics(job) -> Result:
    step(job, 0, 2, _("Reading %(file)s") % {"file": job.subject})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(job.subject).name or "upload")
        path.write_bytes(job.file("file"))
        try:
            table = read_table(path)
            maps = () if "indicator" in table.dimensions else _maps(table, job.options["dataset"])
            vintage = job.options["vintage"] or guess_vintage(path, table)
            if not vintage:
                raise ImportRefused(
                    _("%(file)s does not say which release it is; give the release (YYYY-MM).")
                    % {"file": path.name}
                )
            step(job, 1, 2, _("Writing release %(vintage)s") % {"vintage": vintage})
            report = import_file(path, vintage=vintage, maps=maps, user=job.owner, table=table)
        except ImportRefused as exc:
            raise Refused([str(exc)]) from exc
    return Result(report.summary())


def _maps(table, dataset: str):
    code = dataset or table.dataset
    maps = maps_for_dataset(code)
    if not maps:
        raise ImportRefused(
            _("Dataset %(code)s has no map in the catalogue; give the dataset code.")
            % {"code": code or "?"}
        )
    return maps
