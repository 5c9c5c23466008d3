"""What the board's browser journeys share: filling a form by field name, saving it, and the
first steps of every journey (a new working group, its members)."""


def fill(page, **fields) -> None:
    """Fill the form's fields by name: text is typed, True ticks a box, a select picks the option
    of that value (or of that label or index, given as ("label", text) or ("index", n))."""
    for name, value in fields.items():
        field = page.locator(f"[name={name}]")
        if value is True:
            field.check()
        elif field.evaluate("node => node.tagName") == "SELECT":
            kind, choice = value if isinstance(value, tuple) else ("value", value)
            field.select_option(**{kind: choice})
        else:
            field.fill(value)


def save(page) -> None:
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def new_working_group(page, base: str, slug: str, **fields) -> str:
    """Create a working group as the signed-in secretariat; its workspace address."""
    page.goto(base + "/en/board/new/")
    fill(page, slug=slug, kind="working_group", quorum_percent="50", **fields)
    save(page)
    return f"{base}/en/board/{slug}"


def add_member(page, board: str, person: str, **fields) -> None:
    """A member's seat from 1 January 2026, in education."""
    page.goto(board + "/members/new/")
    fill(
        page,
        person_name=person,
        position="member",
        sector="education",
        designated_on="2026-01-01",
        **fields,
    )
    save(page)
