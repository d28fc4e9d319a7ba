"""Hostile inputs, generated here rather than stored as binary blobs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def yaml_alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Front matter where each line aliases the previous one `width` times (billion laughs)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * width)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append(f"topics: *a{levels - 1}")
    return "---\n" + "\n".join(lines) + "\n---\n# Titel\n\nGewone tekst over verlof.\n"


def tiny_yaml_bomb() -> str:
    """The ~400-byte variant: few anchors, each nesting the one before many times."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for name in "bcdefgh":
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 16)}]")
        prev = name
    return "---\n" + "\n".join(lines) + "\ntitle: *h\n---\nTekst.\n"


def front_matter(fields: str, body: str = "# Titel\n\nGewone tekst over verlof.\n") -> str:
    """A Markdown document with these front matter lines."""
    return f"---\n{fields}\n---\n{body}"


def docx_with_xml(path: Path, paragraphs: int, *, level: int = 1) -> Path:
    """A .docx whose document.xml holds `paragraphs` distinct paragraphs (big when unpacked)."""
    body = "".join(
        f"<w:p><w:r><w:t>Alinea {n} over het verlofbeleid van afdeling {n * 7919 % 100003}."
        "</w:t></w:r></w:p>"
        for n in range(paragraphs)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    # python-docx's own empty document supplies the package parts; only the body is ours
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for item in source.infolist():
            data = xml.encode() if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    path.write_bytes(buffer.getvalue())
    return path


def docx_with_entries(path: Path, entries: int) -> Path:
    """A .docx-shaped zip with `entries` tiny files in it (each empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(entries - 1):
            archive.writestr(f"word/media/x{n}.bin", b"")
    path.write_bytes(buffer.getvalue())
    return path


def many_lines_page(lines: int) -> list[str]:
    """One PDF page's lines as pypdf gives them: `lines` lines of one long running paragraph."""
    return [f"regel {n} van een heel lange bladzijde zonder punten en" for n in range(lines)]
