"""The Jobs page: a user's own jobs (the secretariat sees all), each with its progress and report."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Job, JobFile

REFRESH_SECONDS = 2


@login_required
def job_list(request):
    jobs = Job.objects.visible_to(request.user).select_related("owner")[:200]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_page(request, pk: int):
    job = get_object_or_404(Job.objects.visible_to(request.user).select_related("owner"), pk=pk)
    return render(
        request,
        "jobs/job.html",
        {"job": job, "refresh": REFRESH_SECONDS if job.live else None},
    )


@login_required
def job_file(request, pk: int, file: int):
    """A file the job produced, to whoever may see the job; another user's is not found."""
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    found = get_object_or_404(JobFile, job=job, pk=file, is_result=True)
    kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    response = HttpResponse(bytes(found.data), content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return response


def _own_job(request, pk: int) -> Job:
    """Another user's job is not found; the secretariat may see it but not act on it."""
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    if job.owner_id != request.user.pk:
        raise PermissionDenied
    return job


def _act(request, pk: int, act, done: str, refused: str):
    job = _own_job(request, pk)
    if act(job):
        messages.success(request, done)
    else:
        messages.error(request, refused)
    return redirect(job)


@require_POST
@login_required
def cancel(request, pk: int):
    return _act(
        request,
        pk,
        services.cancel,
        _("The job was cancelled; nothing of it was written."),
        _("The job has already finished; it cannot be cancelled."),
    )


@require_POST
@login_required
def retry(request, pk: int):
    return _act(
        request,
        pk,
        services.retry,
        _("The job is waiting for a worker again."),
        _("Only a failed, cancelled or interrupted job can be retried."),
    )
