"""Maturity self-assessment computation: model specs, scoring, peer statistics, disclosure control.

Plain Python, numpy and pandas only: the Django app, the command line and the benchmark call the
same functions, and the golden tests run without a database.
"""

from .answers import AnswerError, Problem, read_answers
from .disclosure import THRESHOLD, protect, protect_nested, protect_table
from .scoring import band_of, score_answers, score_frame
from .spec import Spec, load_spec

__all__ = [
    "THRESHOLD",
    "AnswerError",
    "Problem",
    "Spec",
    "band_of",
    "load_spec",
    "protect",
    "protect_nested",
    "protect_table",
    "read_answers",
    "score_answers",
    "score_frame",
]
