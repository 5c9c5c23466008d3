"""What every board table shares: the scope of one export and ids that resolve within it."""

from django.db.models import QuerySet
from django.utils import timezone

from i4region.core.exports import Column


def visible_ids(model, public: bool) -> set[int] | None:
    """Ids of another app's records a public export may name (None: every one)."""
    if not public:
        return None
    rows = model._default_manager.all()
    rows = rows.public() if hasattr(rows, "public") else rows.filter(published=True)
    return set(rows.values_list("pk", flat=True))


def ref(name: str, attr: str, ids: set[int] | None, description: str) -> Column:
    def get(obj):
        value = getattr(obj, attr)
        return value if ids is None or value in ids else None

    return Column(name, get, "integer", description)


def scope(model, boards: QuerySet, public: bool, path: str = "board") -> QuerySet:
    rows = model._default_manager.filter(**{f"{path}__in": boards})
    return rows.public() if public and hasattr(rows, "public") else rows


def texts(*fields: str) -> list[str]:
    """The English and the Lithuanian column of each paired text, in that order."""
    return [f"{field}_{lang}" for field in fields for lang in ("en", "lt")]


SAMPLE = Column(
    "is_sample",
    description="true for sample content (fictional people, meetings, decisions) shown as samples",
)


class Context:
    """What every table of one export shares: the boards, the scope, the foreign id sets."""

    def __init__(self, boards: QuerySet, public: bool, personal: bool):
        from i4region.initiatives.models import Initiative
        from i4region.stakeholders.models import Organisation

        self.boards, self.public, self.personal = boards, public, personal
        self.orgs = visible_ids(Organisation, public)
        self.initiatives = visible_ids(Initiative, public)
        self.today = timezone.localdate()

    def org(self, name: str, attr: str, description: str) -> Column:
        return ref(name, attr, self.orgs, description + " (organisations.csv id)")
