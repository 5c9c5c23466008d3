"""What the board's browser journeys share: filling a form by field name, saving it, and the
first steps of every journey (a new working group, its members, a meeting)."""


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


def submit(page, url: str, **fields) -> str:
    """Open the form at `url`, fill it (as `fill` does) and save it; the address it leads to."""
    page.goto(url)
    fill(page, **fields)
    save(page)
    return page.url


def new_working_group(page, base: str, slug: str, **fields) -> str:
    """Create a working group as the signed-in secretariat; its workspace address."""
    group = {"slug": slug, "kind": "working_group", "quorum_percent": "50"}
    submit(page, base + "/en/board/new/", **group, **fields)
    return f"{base}/en/board/{slug}"


def add_member(page, board: str, person: str, **fields) -> None:
    """A member's seat from 1 January 2026, in education."""
    submit(
        page,
        board + "/members/new/",
        person_name=person,
        position="member",
        sector="education",
        designated_on="2026-01-01",
        **fields,
    )


def new_meeting(page, board: str, title: str, place: str, **fields) -> str:
    """A meeting on 20 November 2026 at 10:00; the address of its page."""
    when = "2026-11-20T10:00"
    return submit(
        page, board + "/meetings/new/", title_en=title, starts_at=when, place=place, **fields
    )
