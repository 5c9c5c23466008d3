"""Open read API: published organisations with their public fields only."""

from ninja import Router, Schema

from .models import Organisation

router = Router(tags=["stakeholders"])


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    nace_code: str
    size_class: str
    municipality: str | None
    website: str
    source_url: str
    is_sample: bool


@router.get("/stakeholders/organisations", response=list[OrganisationOut])
def organisations(request):
    """Published organisations of the stakeholder ecosystem (public fields only)."""
    return [
        OrganisationOut(
            id=o.pk,
            name=o.name,
            type=o.type,
            nace_code=o.nace_code,
            size_class=o.size_class,
            municipality=o.municipality.code if o.municipality else None,
            website=o.website,
            source_url=o.source_url,
            is_sample=o.is_sample,
        )
        for o in Organisation.objects.public().select_related("municipality")
    ]
