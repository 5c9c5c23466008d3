"""Erasing a person from the register erases what the board workspace kept of them."""

import pytest
from django.contrib.contenttypes.models import ContentType

from i4region.board.models import Board, Comment
from i4region.stakeholders.erasure import erase_person
from i4region.stakeholders.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_the_board_forgets_a_person_erased_from_the_register():
    board = Board.objects.order_by("pk").first()
    org = Organisation.objects.create(name="Erasure test UAB", type="company")
    person = Person.objects.create(name="Ona Trinamoji", email="ona@example.org", organisation=org)
    on_board = {"board": board, "target_type": ContentType.objects.get_for_model(Board)}
    comment = Comment.objects.create(
        **on_board,
        target_id=board.pk,
        author_name="Ona Trinamoji",
        text="Ona Trinamoji will send the figures (ona@example.org).",
    )
    other = Comment.objects.create(
        **on_board,
        target_id=board.pk,
        author_name="Someone else",
        text="Ask Ona Trinamoji about it.",
    )
    erase_person(person)
    remaining = " ".join(
        f"{c.author_name} {c.text}" for c in Comment.objects.filter(pk__in=[comment.pk, other.pk])
    )
    assert "Ona Trinamoji" not in remaining and "ona@example.org" not in remaining
    assert Comment.objects.filter(pk=other.pk).exists()  # another author's comment stays
