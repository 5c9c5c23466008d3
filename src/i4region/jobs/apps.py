from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "i4region.jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        # each app's tasks.py registers the kinds of job it runs (jobs.services.kind)
        autodiscover_modules("tasks")
