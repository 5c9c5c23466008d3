from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SECRETARIAT = "secretariat", _("Board secretariat")
    BOARD_MEMBER = "board_member", _("Board member")
    INITIATIVE_MANAGER = "initiative_manager", _("Initiative manager")
    COMPANY_REP = "company_rep", _("Company representative")


class User(AbstractUser):
    """A person who signs in. What they may do follows from `role` (see accounts.permissions)."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def has_role(self, *roles: str) -> bool:
        """True for these roles; administrators and superusers pass every check."""
        if not self.is_active:
            return False
        if self.is_superuser or self.role == Role.ADMINISTRATOR:
            return True
        return self.role in roles
