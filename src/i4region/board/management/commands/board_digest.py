"""`i4region board_digest`: flag overdue actions, then send each person one e-mail with everything
that waits for them (run it daily from cron or a scheduler)."""

import os

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from i4region.board import services


class Command(BaseCommand):
    help = "Send the board workspace's notification digest: one e-mail per person."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("I4REGION_BASE_URL", ""),
            help="Start of the links in the e-mails, e.g. https://i4region.example.org "
            "(default: $I4REGION_BASE_URL; links are paths when unset).",
        )

    def handle(self, *args, base_url: str, **options):
        overdue = services.create_overdue_notifications()
        sent = services.send_digest(base_url=base_url)
        flagged = ngettext(
            "%(count)d overdue action flagged", "%(count)d overdue actions flagged", overdue
        ) % {"count": overdue}
        mailed = ngettext("%(count)d digest e-mail sent", "%(count)d digest e-mails sent", sent) % {
            "count": sent
        }
        self.stdout.write(f"{flagged}; {mailed}")
