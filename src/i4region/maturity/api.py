"""Read API of the self-assessment: the regional aggregates anyone may see (disclosure-controlled).

Nothing per company is served here; a company's own result stays behind its login on the pages.
"""

from typing import Literal

from ninja import Query, Router, Schema

from i4region.compute.maturity import THRESHOLD
from i4region.compute.maturity.aggregates import regional

from . import definitions
from .services import peer_frame

router = Router(tags=["maturity"])


class AggregateOut(Schema):
    measure: str
    by: str
    key: str | None
    value: float
    n: int


class RegionalOut(Schema):
    model: str
    version: str
    wave: str
    sample: bool
    threshold: int
    aggregates: list[AggregateOut]


class RegionalQuery(Schema):
    model: Literal["dma", "impuls"] = "dma"
    wave: Literal["T0", "T1", "T2"] = "T0"
    sample: bool = False


@router.get("/maturity/regional", response=RegionalOut)
def regional_aggregates(request, query: Query[RegionalQuery]):
    """Share of companies per band (`share:<band>`, percent) and mean scores (`mean:<dimension>`)
    by municipality, NACE section and in total, only where at least `threshold` companies
    contribute and no total reveals a withheld value. `sample=true` serves the fictional sample."""
    spec = definitions.current(query.model)
    frame = peer_frame(query.model, spec.version, query.wave, query.sample)
    records = regional(frame, [b.code for b in spec.bands], spec.dimension_codes)
    return RegionalOut(
        model=spec.model,
        version=spec.version,
        wave=query.wave,
        sample=query.sample,
        threshold=THRESHOLD,
        aggregates=[AggregateOut(**r) for r in records],
    )
