"""What the separate test processes of the job queue share (they import it after django.setup())."""

from django.core.management import call_command

from i4region.jobs import services
from i4region.jobs.models import Job


def work(*, batch: bool) -> None:
    """Run a worker in this process that starts at once and polls without pause: until the queue
    is empty with batch, otherwise until it is stopped."""
    once = ("--batch",) if batch else ()
    call_command("db_worker", *once, "--no-reload", "--no-startup-delay", "--interval", "0")


def retry_all() -> None:
    """Queue every job again that can be retried."""
    for job in Job.objects.all():
        services.retry(job)
