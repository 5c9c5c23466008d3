"""Dump and load from the web: a package travels as one ZIP file, and a load from the web replaces
the instance's content (the command line's load fills an empty database; a running instance is
never empty: its administrator is signed in).

The replacement is checked in full first (the package as `load` checks it, and the account the
load is made by, which must exist in the package with the right to see the result), then done in
one transaction: every table emptied and filled from the package. A load stopped mid-way (the
worker killed, the machine down) leaves the instance as it was.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.jobs.models import Job, JobFile

from . import services
from .services import PackageError

# A ZIP file that unpacks to more than this is refused (a guard against a ZIP bomb).
MAX_UNPACKED = 8 * 2**30


def zip_folder(folder: Path) -> bytes:
    """The files of a dump folder as one ZIP file (no folders inside)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def unzip_package(data: bytes, into: Path) -> Path:
    """Unpack an uploaded package; refuse anything but flat CSV files and datapackage.json."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError(_("the file is not a ZIP file of a package written by a dump")) from None
    with archive:
        members = archive.infolist()
        for member in members:
            name = PurePosixPath(member.filename)
            if len(name.parts) != 1 or name.suffix not in (".csv", ".json"):
                raise PackageError(
                    _("%(file)s: a package holds only its CSV files and datapackage.json")
                    % {"file": member.filename}
                )
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise PackageError(_("the package is larger than any instance once unpacked"))
        for member in members:
            (into / member.filename).write_bytes(archive.read(member))
    return into


def _loader_in_package(src: Path, username: str) -> None:
    """The account making the load must be in the package, active and allowed to load again."""
    with open(src / "accounts__user.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["username"] != username:
                continue
            allowed = row["is_superuser"] == "true" or row["role"] == Role.ADMINISTRATOR
            if row["is_active"] == "true" and allowed:
                return
    raise PackageError(
        _(
            "the package has no active administrator account “%(user)s”: after the load nobody "
            "could sign in to see it. Load it into a new database with `i4region load`"
        )
        % {"user": username}
    )


def check(src: Path, username: str) -> dict:
    """Everything a replacement needs, checked before anything is written."""
    package = services.read_package(src)
    services.check_package(src, package)
    _loader_in_package(src, username)
    return package


def replace(src: Path, package: dict) -> None:
    """Empty every table of the instance and fill it from the checked package, atomically.

    The job queue is not part of an instance: jobs of accounts the package has (by user name)
    are kept for them; the others, and every signed-in session, end with the old content."""
    checked = services.check_package(src, package)
    owners = dict(Job.objects.values_list("pk", "owner__username"))
    with transaction.atomic():
        with connection.cursor() as cursor:
            for resource in checked.values():
                cursor.execute(f"DELETE FROM {_table(resource)}")
        services.fill(src, package, checked)
        Session.objects.all().delete()
        _keep_jobs(owners)
    transaction.on_commit(cache.clear)


def _keep_jobs(owners: dict[int, str]) -> None:
    users = dict(get_user_model()._base_manager.values_list("username", "pk"))
    gone = [pk for pk, name in owners.items() if name not in users]
    JobFile.objects.filter(job_id__in=gone).delete()
    Job.objects.filter(pk__in=gone).delete()
    for pk, name in owners.items():
        if name in users:
            Job.objects.filter(pk=pk).update(owner_id=users[name])


def _table(resource) -> str:
    return connection.ops.quote_name(resource.model._meta.db_table)
