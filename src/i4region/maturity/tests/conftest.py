import pytest

from i4region.stakeholders.models import Organisation


@pytest.fixture
def companies(db):
    """Two fictional companies of the sample ecosystem (the seed gave them T0 and T1 answers)."""
    return list(Organisation.objects.filter(type="company", is_sample=True).order_by("name")[:2])


@pytest.fixture
def rep(make_user, companies):
    """A company representative of the first company only."""
    user = make_user("company_rep")
    companies[0].representatives.add(user)
    return user


@pytest.fixture
def fresh_company(db):
    """A company with no responses yet (not a sample: it behaves like a real newcomer)."""
    from i4region.regions.models import Region

    return Organisation.objects.create(
        name="Testinė įmonė UAB",
        type="company",
        nace_code="C28.4",
        size_class="small",
        municipality=Region.objects.get(code="LT-LAU-27"),
        region=Region.objects.get(code="LT025"),
    )


def answers_for(spec, level: int = 1, **overrides) -> dict[str, int]:
    """Every item at `level` clipped to its scale (1 = everything ticked), exclusive items off."""
    out = {}
    for q in spec.questions:
        for i in q.items:
            out[i.code] = 0 if i.exclusive else min(level, q.scale.high)
    out.update(overrides)
    return out
