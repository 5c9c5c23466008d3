"""A job: work that runs in a worker, not in the request, with what its owner sees of it."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from i4region.accounts.models import Role
from i4region.core.models import Record


class State(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


def files_cutoff() -> dt.datetime:
    """Jobs finished before this moment have lost their files (JOBS_FILES_DAYS after the end)."""
    return timezone.now() - dt.timedelta(days=settings.JOBS_FILES_DAYS)


class JobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "JobQuerySet":
        """Everyone sees their own jobs; the secretariat (and administrators) see all."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.SECRETARIAT):
            return self
        return self.filter(owner=user)


class Job(Record):
    label_field = "title"
    url_name = "jobs:job"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    options = models.JSONField(_("options"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    message = models.CharField(_("progress"), max_length=300, blank=True)
    summary = models.TextField(_("result"), blank=True)
    lines = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    lease_until = models.DateTimeField(_("running until at least"), null=True, blank=True)
    link = models.CharField(_("result page"), max_length=300, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    @property
    def title(self) -> str:
        return f"{self.kind_label}: {self.subject}"

    @property
    def kind_label(self) -> str:
        from .services import KINDS

        found = KINDS.get(self.kind)
        return str(found.label) if found else self.kind

    @property
    def result_url(self) -> str:
        """The page of this job's result (a run, a list), else its kind's page."""
        from .services import KINDS

        if self.link:
            return self.link
        found = KINDS.get(self.kind)
        return reverse(found.result_url) if found else ""

    @property
    def results(self):
        """The files the job produced, for download (its uploads are not among them)."""
        return self.files.filter(is_result=True).defer("data")

    @property
    def interrupted(self) -> bool:
        """Running, but its worker stopped renewing the lease: killed, or its machine went down."""
        return (
            self.state == State.RUNNING
            and self.lease_until is not None
            and self.lease_until < timezone.now()
        )

    @property
    def live(self) -> bool:
        """Still changing: the page refreshes itself."""
        return self.state == State.QUEUED or (self.state == State.RUNNING and not self.interrupted)

    @property
    def files_removed(self) -> bool:
        """Finished longer ago than files are kept: its upload and its results are gone."""
        return self.finished_at is not None and self.finished_at < files_cutoff()

    @property
    def files_days(self) -> int:
        return settings.JOBS_FILES_DAYS

    @property
    def can_retry(self) -> bool:
        stopped = self.state in (State.FAILED, State.CANCELLED) or self.interrupted
        return stopped and not self.files_removed

    @property
    def can_cancel(self) -> bool:
        return self.live

    def file(self, field: str) -> bytes | None:
        found = self.files.filter(field=field, is_result=False).first()
        return bytes(found.data) if found else None


class JobFile(models.Model):
    """An uploaded file kept in the database, so a worker on any machine can read it; or a file
    the job produced (`is_result`), which its owner downloads from any server."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    field = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    is_result = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jobs:file", args=[self.job_id, self.pk])
