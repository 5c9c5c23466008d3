"""What every record model shares: the name it shows and the page it lives on.

class Challenge(Record):
    label_field = "title"             # str(obj) shows obj.title
    url_name = "board:challenge"      # obj.get_absolute_url()
    url_fields = ("board.slug", "pk")  # … with these attributes as the URL's arguments
"""

from operator import attrgetter

from django.db import models
from django.urls import reverse


class Record(models.Model):
    label_field = "name"
    url_name = ""
    url_fields: tuple[str, ...] = ("pk",)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(getattr(self, self.label_field))

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, args=[attrgetter(f)(self) for f in self.url_fields])
