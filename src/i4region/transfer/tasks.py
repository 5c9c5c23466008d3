"""Dump and load of the whole instance from the web, run as jobs: the dump becomes one ZIP file to
download; the load checks the uploaded package in full, then replaces the instance's content in
one transaction (all of it or nothing). The command line's `dump` and `load` stay synchronous."""

import tempfile
from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from i4region.jobs.services import Refused, Result, kind, step

from . import restore
from .services import PackageError, dump


@kind("instance_dump", gettext_lazy("Dump of the instance"), "transfer:instance")
def instance_dump(job) -> Result:
    personal = bool(job.options.get("personal"))
    step(job, 0, 1, _("Reading the tables"))
    with tempfile.TemporaryDirectory() as folder:
        package = dump(
            Path(folder),
            include_personal_data=personal,
            progress=lambda n, total, name: step(job, n, total + 1, name),
        )
        step(job, len(package["resources"]), len(package["resources"]) + 1, _("Packing"))
        data = restore.zip_folder(Path(folder))
    rows = sum(r["rows"] for r in package["resources"])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    summary = (
        _("%(tables)d tables, %(rows)d rows, with personal data.")
        if personal
        else _("%(tables)d tables, %(rows)d rows, without personal data.")
    )
    return Result(
        summary % {"tables": len(package["resources"]), "rows": rows},
        files={f"i4region-{stamp}.zip": data},
    )


@kind("instance_load", gettext_lazy("Load of an instance"), "transfer:instance")
def instance_load(job) -> Result:
    step(job, 0, 2, _("Checking the package %(file)s") % {"file": job.subject})
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder)
        try:
            restore.unzip_package(job.file("package"), src)
            package = restore.check(src, job.owner.username)
            n = len(package["resources"])
            step(job, 1, 2, _("Replacing the content with %(n)d tables") % {"n": n})
            # a line that cannot be read is found while the tables are written: rolled back
            restore.replace(src, package)
        except PackageError as exc:
            raise Refused([str(exc)]) from exc
    rows = sum(r["rows"] for r in package["resources"])
    return Result(
        _("Restored %(tables)d tables, %(rows)d rows, from %(file)s.")
        % {"tables": n, "rows": rows, "file": job.subject},
        link=reverse("transfer:instance"),
    )
