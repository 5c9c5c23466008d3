"""`i4region maturity score|import|publish`: score a file without storing it, import responses,
publish the regional aggregates of a wave to the observatory."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from i4region.compute.maturity import AnswerError, read_answers, score_frame
from i4region.compute.maturity.spec import SpecError

from ... import definitions
from ...models import Model, Wave


def _options(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, choice = pair.partition("=")
        if not sep:
            raise CommandError(
                _("--option %(pair)s: write NAME=CHOICE") % {"pair": repr(pair)}, returncode=2
            )
        out[name] = choice
    return out


def _refusal(file: Path, exc: AnswerError) -> str:
    """The file's problems, one a line, in the instance's language; nothing was stored."""
    from ...imports import described

    return "\n".join(f"{file.name}: {line}" for line in described(exc))


class Command(BaseCommand):
    help = "Maturity self-assessment: score a CSV file, import responses, publish aggregates."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        score = sub.add_parser("score", help="Score a wide CSV without storing it: DIR/scores.csv.")
        score.add_argument("--model", required=True, choices=Model.values)
        score.add_argument("--answers", required=True, type=Path, help="wide CSV file")
        score.add_argument("--out", required=True, type=Path, help="folder for scores.csv")
        score.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="NAME=CHOICE",
            help="a named scoring option of the model, e.g. q1_reading=halved",
        )
        imp = sub.add_parser("import", help="Store responses from a wide CSV (all or nothing).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--model", required=True, choices=Model.values)
        pub = sub.add_parser("publish", help="Write a wave's aggregates as observatory indicators.")
        pub.add_argument("--model", default="dma", choices=Model.values)
        pub.add_argument("--wave", default="T0", choices=Wave.values)
        pub.add_argument("--year", type=int, required=True)

    def handle(self, *args, action: str, **opts):
        return getattr(self, f"_{action}")(**opts)

    def _score(self, model: str, answers: Path, out: Path, option: list[str], **options):
        spec = definitions.current(model)
        if not answers.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": answers}, returncode=2)
        try:
            frame = read_answers(spec, answers)
            scores = score_frame(spec, frame, _options(option))
        except AnswerError as exc:
            raise CommandError(_refusal(answers, exc), returncode=2) from None
        except SpecError as exc:
            raise CommandError(str(exc), returncode=2) from None
        out.mkdir(parents=True, exist_ok=True)
        scores.round(4).to_csv(out / "scores.csv", index=False)
        scored = ngettext(
            "Scored %(count)d response with %(model)s: %(file)s",
            "Scored %(count)d responses with %(model)s: %(file)s",
            len(scores),
        )
        self.stdout.write(
            scored % {"count": len(scores), "model": spec.key, "file": out / "scores.csv"}
        )

    def _import(self, file: Path, model: str, **options):
        from ...imports import import_responses

        if not file.is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": file}, returncode=2)
        try:
            with file.open(encoding="utf-8", newline="") as fh:
                created = import_responses(fh, model, None, file.name)
        except AnswerError as exc:
            raise CommandError(_refusal(file, exc), returncode=2) from None
        imported = ngettext(
            "Imported %(count)d response from %(file)s.",
            "Imported %(count)d responses from %(file)s.",
            len(created),
        )
        self.stdout.write(imported % {"count": len(created), "file": file.name})

    def _publish(self, model: str, wave: str, year: int, **options):
        from ...indicators import publish_indicators

        summary = publish_indicators(wave=wave, year=year, model=model)
        self.stdout.write(
            _(
                "%(companies)d companies: %(observations)d observations written, "
                "%(withdrawn)d withdrawn."
            )
            % summary
        )
