"""One publication rule per model, as queryset methods that pages, API, exports and timelines share.

A model whose records are not all public gives its manager a queryset class derived from
`PublicationQuerySet` and writes its rule once, in `public()`; `visible_to(user)` adds what the
user's role lets them read. Nothing else in the code decides whether a record is public.
"""

from django.db import models


class PublicationQuerySet(models.QuerySet):
    def public(self) -> "PublicationQuerySet":
        """What an anonymous visitor may read."""
        raise NotImplementedError(f"{self.model.__name__} must state its publication rule")

    def visible_to(self, user) -> "PublicationQuerySet":
        """What this user may read: everything for the secretariat, else the public records."""
        if user is not None and user.is_authenticated and user.has_role("secretariat"):
            return self.all()
        return self.public()

    def is_public(self, obj: models.Model) -> bool:
        return self.public().filter(pk=obj.pk).exists()
