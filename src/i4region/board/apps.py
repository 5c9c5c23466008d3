from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "i4region.board"
    verbose_name = _("Board workspace")

    def ready(self) -> None:
        # erasing a person from the register erases them from the board workspace too
        from i4region.stakeholders.erasure import person_erased

        person_erased.connect(_erase_from_board, dispatch_uid="board-erase-person")


def _erase_from_board(sender, name: str = "", email: str = "", **kwargs) -> None:
    from .services import erase_person_data

    erase_person_data(name, email)
