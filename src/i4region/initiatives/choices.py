"""The vocabularies of the portfolio: initiative types, life cycle, budget and funding codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeType(models.TextChoices):
    EDUCATION_CENTRE = "education_centre", _("Education centre")
    COMPETITION_CENTRE = "competition_centre", _("Competition centre")
    AGENCY = "agency", _("Agency")
    PROGRAMME = "programme", _("Programme")
    EVENT_SERIES = "event_series", _("Event series")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")


class TargetGroup(models.TextChoices):
    PRIMARY_PUPILS = "primary_pupils", _("Primary pupils")
    SECONDARY_PUPILS = "secondary_pupils", _("Secondary pupils")
    STUDENTS = "students", _("Students")
    TEACHERS = "teachers", _("Teachers")
    COMPANIES = "companies", _("Companies")
    JOB_SEEKERS = "job_seekers", _("Job seekers")


class Lifecycle(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    ESTABLISHING = "establishing", _("Establishing")
    OPERATING = "operating", _("Operating")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")


class StatusFlag(models.TextChoices):
    NOT_ASSESSED = "", _("Not assessed")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class BudgetCategory(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Establishment (capital)")
    RUNNING = "running", _("Running")


class BudgetSubcategory(models.TextChoices):
    UNSPECIFIED = "", _("Not broken down")
    BUILDING_WORKS = "building_works", _("Building works")
    EQUIPMENT = "equipment", _("Equipment")
    FURNITURE = "furniture", _("Furniture")
    STAFF = "staff", _("Staff")
    BUILDING_MAINTENANCE = "building_maintenance", _("Building maintenance")
    CONSUMABLES = "consumables", _("Consumables")
    EVENTS = "events", _("Events")
    OTHER = "other", _("Other")


SUBCATEGORIES_OF = {
    BudgetCategory.ESTABLISHMENT: {"", "building_works", "equipment", "furniture"},
    BudgetCategory.RUNNING: {"", "staff", "building_maintenance", "consumables", "events", "other"},
}


class SourceType(models.TextChoices):
    """The kind of money; EU funds follow the fund codes of Kohesio (ERDF, ESF+, Interreg)."""

    MUNICIPALITY = "municipality", _("Municipality")
    NATIONAL = "national", _("National budget")
    ERDF = "erdf", _("EU fund: ERDF")
    ESF_PLUS = "esf_plus", _("EU fund: ESF+")
    INTERREG = "interreg", _("EU fund: Interreg")
    HORIZON_EUROPE = "horizon_europe", _("EU fund: Horizon Europe")
    EU_OTHER = "eu_other", _("EU funds (fund not named)")
    PRIVATE = "private", _("Private sponsor")
    FEES = "fees", _("Fees")


class Covers(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Establishment costs")
    RUNNING = "running", _("Running costs")
    BOTH = "both", _("Establishment and running costs")


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    RECEIVED = "received", _("Received")
    REJECTED = "rejected", _("Rejected")


class KpiKind(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Qualifier(models.TextChoices):
    EXACT = "", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")
