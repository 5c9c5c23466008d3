"""What a reader of a PDF notices, checked with Debian's poppler tools (pdftotext, pdffonts,
pdfinfo, pdftoppm) and a look at the font maps of the text layer."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

from PIL import Image

LITHUANIAN = "ąčęėįšųūžĄČĘĖĮŠŲŪŽ"


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def text(path: Path, layout: bool = True) -> str:
    """The text layer; without layout each table cell's text stays together."""
    return _run("pdftotext", *(["-layout"] if layout else []), str(path), "-")


def pages(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))


def info(path: Path) -> str:
    return _run("pdfinfo", str(path))


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses."""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    out = []
    for row in rows:
        cells = row.split()
        # name type… encoding emb sub uni object-id generation: "emb" is the fifth from the end.
        out.append((cells[0], cells[-5] == "yes"))
    return out


def _glyph_maps(path: Path) -> list[tuple[int, str]]:
    """(glyph id, character) pairs of every font's ToUnicode map in the PDF."""
    pairs = []
    for body in streams(path):
        text = body.decode("latin-1")
        if "begincmap" in text:
            for gid, code in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,})>", text):
                pairs.append((int(gid, 16), chr(int(code[:4], 16))))
    return pairs


def missing_glyphs(path: Path) -> set[str]:
    """Lithuanian letters the text layer maps to glyph 0 (.notdef, drawn as an empty box)."""
    return {char for gid, char in _glyph_maps(path) if char in LITHUANIAN and gid == 0}


def mapped_letters(path: Path) -> set[str]:
    """Lithuanian letters that some embedded font of the text layer has a glyph for."""
    return {char for gid, char in _glyph_maps(path) if char in LITHUANIAN and gid}


def streams(path: Path) -> list[bytes]:
    """Every compressed stream of the PDF, inflated (object streams hold the tag tree)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", path.read_bytes(), re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return out


def accessibility(path: Path) -> dict[str, int | str]:
    """The tag tree's figures and table headers, the alternative texts and the document language."""
    tree = _run("pdfinfo", "-struct", str(path))
    objects = b"".join(streams(path))
    lang = re.search(rb"/Type /Catalog.*?/Lang \((\w+)\)", objects, re.S)
    return {
        "figures": len(re.findall(r"^\s*Figure", tree, re.M)),
        "alts": len(re.findall(rb"/Alt\s*[(<]", objects)),
        "headers": len(re.findall(r"^\s*TH\b", tree, re.M)),
        "lang": lang.group(1).decode() if lang else "",
    }


def table_rows(path: Path) -> list[list[str]]:
    """Every table row of the tag tree as its cells' texts: what a screen reader reads out."""
    rows: list[list[str]] = []
    for line in _run("pdfinfo", "-struct-text", str(path)).splitlines():
        item = line.strip()
        if item == "TR":
            rows.append([])
        elif rows and re.match(r"T[HD]\b", item):
            rows[-1].append("")
        elif rows and rows[-1] and item.startswith('"'):
            rows[-1][-1] = " ".join(f"{rows[-1][-1]} {item.strip(chr(34))}".split())
    return rows


def first_page_ink(path: Path, tmp: Path) -> float:
    """Share of the first page (rendered at 40 dpi) that is not white."""
    stem = tmp / "first"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(path), str(stem)],
        check=True,
    )
    image = Image.open(f"{stem}.png").convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 200)
    return dark / (image.width * image.height)


def check_document(path: Path, tmp: Path) -> str:
    """The checks every report must pass; returns the text layer for the report's own checks."""
    assert path.read_bytes().startswith(b"%PDF-")
    assert all(embedded for _, embedded in fonts(path)), fonts(path)
    assert first_page_ink(path, tmp) > 0.01, "the first page is blank"
    assert not missing_glyphs(path)
    layer = text(path)
    used = {c for c in layer if c in LITHUANIAN}
    assert used <= mapped_letters(path), used - mapped_letters(path)
    meta = info(path)
    assert "Tagged:          yes" in meta
    assert "A4" in meta
    assert re.search(r"^Title:\s+\S", meta, re.M)
    tags = accessibility(path)
    assert tags["lang"] in ("lt", "en")
    assert tags["alts"] == tags["figures"], tags  # every chart has its text alternative
    return layer
