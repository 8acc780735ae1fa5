"""A document as its author edits it: the outline as text, and back.

The portal proposes every document from its data (an app's documents.py). The author may then
rewrite any part of it: the trích yếu, the Căn cứ lines, the body, the Nơi nhận, the signers. The
body is written a line per block, as a drafter types it:

- a line numbered "I.", "1.", "1.1.", "a)" that does not end like a sentence is a heading;
- "[[Bảng các lớp cấp tỉnh]]" on its own line places a Part, blocks the portal writes from its data
  (a table, the tasks of an agency): where the author puts the line the Part prints, a Part whose
  line is removed does not print;
- "_…_" is a paragraph in italics, "**Lead:** text" a paragraph with a bold run-in lead;
- every other line is a paragraph.

A block that cannot be written as a line (a table outside any Part, a centred line, a paragraph
with line breaks) becomes a Part of its own, so that nothing the portal proposes is lost in the
round trip. `to_data` / `from_data` keep a whole document, Parts opened, as JSON: how an issued
document is frozen (p135portal.models.DocumentVersion).
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise

from p135portal.documents.model import (
    _HEADING_NUMBERS,
    SENTENCE_ENDINGS,
    Block,
    Document,
    Heading,
    Paragraph,
    Part,
    Signature,
    Table,
    flat,
    recipient_name,
)

MARKER = re.compile(r"^\[\[\s*(.+?)\s*\]\]$")
LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")
HEADING_MAX_WORDS = 30  # "II. ĐỊA BÀN, ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN ĐÀO TẠO, BỒI DƯỠNG" has 16


class OutlineError(ValueError):
    """The author's body names Parts the document does not have."""

    def __init__(self, unknown: list[str]):
        super().__init__(", ".join(unknown))
        self.unknown = unknown


@dataclass(frozen=True)
class Outline:
    """What the author may change of a document, as the editor shows it."""

    summary: str
    bases: str  # a line per Căn cứ line
    body: str
    recipients: str  # a line per recipient, without "- " and ";"
    archive: str
    signatures: tuple[Signature, ...]


def _line(block: Block) -> str | None:
    """The block as the author's line, or None when a line cannot say it (it then stays a Part)."""
    if isinstance(block, Heading):
        line = " ".join(block.text.split())
        return line if parse_line(line) == block else None
    if isinstance(block, Paragraph) and block.align == "justify" and not block.bold and "\n" not in block.text:
        text = " ".join(block.text.split())
        if block.lead and not block.italic:
            line = f"**{' '.join(block.lead.split())}** {text}"
        elif block.italic and not block.lead:
            line = f"_{text}_"
        elif not block.lead and not block.italic:
            line = text
        else:
            return None
        return line if parse_line(line) == replace(block, text=text, lead=" ".join(block.lead.split())) else None
    return None


def _pieces(document: Document) -> list[tuple[str, Part | None]]:
    """Each block of the proposal as the author's line, with the Part the line places (if it does).
    A block a line cannot say becomes a Part of its own ("Bảng 2", "Đoạn 5: …")."""
    pieces: list[tuple[str, Part | None]] = []
    tables = others = 0
    for block in _unique_labels(document.blocks):
        if isinstance(block, Part):
            pieces.append((block.marker, block))
        elif (line := _line(block)) is not None:
            pieces.append((line, None))
        else:
            if isinstance(block, Table) or block.kind == "chart":
                tables += 1
                label = f"Bảng {tables}"
            else:
                others += 1
                label = f"Đoạn {others}: {' '.join(block.text.split())[:40]}"
            part = Part(label, [block])
            pieces.append((part.marker, part))
    return pieces


def parts(document: Document) -> list[Part]:
    """Every Part the document offers the author, in the order the portal proposes them."""
    return [part for _, part in _pieces(document) if part is not None]


def _unique_labels(blocks: Sequence) -> list:
    """Parts of the same label told apart ("Bảng 1 (2)"), so that each marker places one Part."""
    seen: dict[str, int] = {}
    unique = []
    for block in blocks:
        if isinstance(block, Part):
            key = _folded(block.label)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                block = replace(block, label=f"{block.label} ({seen[key]})")
        unique.append(block)
    return unique


def proposal(document: Document) -> Outline:
    """The document as the portal proposes it, in the editor's terms."""
    return Outline(
        summary=document.summary,
        bases="\n".join(document.bases),
        body="\n".join(line for line, _ in _pieces(document)),
        recipients="\n".join(recipient_name(name) for name in document.recipients),
        archive=document.archive,
        signatures=tuple(document.signatures),
    )


def parse_line(line: str) -> Heading | Paragraph:
    level = next((level for level, pattern in _HEADING_NUMBERS if pattern.match(line)), None)
    if level and len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(SENTENCE_ENDINGS):
        return Heading(level, line)
    if len(line) > 2 and line.startswith("_") and line.endswith("_"):
        return Paragraph(line[1:-1].strip(), italic=True)
    if match := LEAD.match(line):
        return Paragraph(match[2], lead=match[1].strip())
    return Paragraph(line)


def parse_body(text: str, offered: Sequence[Part], *, strict: bool = True) -> list[Block | Part]:
    """The author's body as blocks. A marker of a Part not offered (the data changed since the
    outline was written) raises OutlineError when `strict` (the editor), and is left out otherwise
    (a download never fails on it; the editor shows it to the author)."""
    by_label = {_folded(part.label): part for part in offered}
    blocks: list[Block | Part] = []
    unknown = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if match := MARKER.match(line):
            part = by_label.get(_folded(match[1]))
            if part is None:
                unknown.append(match[1])
            else:
                blocks.append(part)
            continue
        blocks.append(parse_line(line))
    if unknown and strict:
        raise OutlineError(unknown)
    return blocks


def unknown_markers(body: str, offered: Sequence[Part]) -> list[str]:
    """The markers of the author's body that name no Part the document offers now."""
    known = {_folded(part.label) for part in offered}
    found = (MARKER.match(" ".join(line.split())) for line in body.splitlines())
    return [f"[[{match[1]}]]" for match in found if match and _folded(match[1]) not in known]


def _folded(label: str) -> str:
    return " ".join(label.split()).casefold()


def unplaced(body: str, offered: Sequence[Part]) -> list[Part]:
    """The Parts the author's body does not place (new data since the outline was written, or removed on purpose)."""
    placed = {_folded(match[1]) for line in body.splitlines() if (match := MARKER.match(" ".join(line.split())))}
    return [part for part in offered if _folded(part.label) not in placed]


TEXT_FIELDS = ("summary", "bases", "body", "recipients", "archive")
SIGNATURE_FIELDS = ("authority_lines", "title", "name", "hint")


def _same(one: str, other: str) -> bool:
    """Two texts that print the same: lines trimmed, spaces folded, blank lines and Unicode forms aside."""

    def folded(text: str) -> list[str]:
        return [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines() if line.strip()]

    return folded(one) == folded(other)


def _signature_data(signature: Signature) -> dict:
    return {
        "authority_lines": list(signature.authority_lines),
        **{n: getattr(signature, n) for n in SIGNATURE_FIELDS[1:]},
    }


def changes(outline: Outline, proposed: Outline) -> dict:
    """What the author changed of the proposal: the texts that differ, and per signer the fields that
    differ ({"removed": True} for a proposed signer the author took out). What the author left as
    proposed keeps following the data (a signer's name recorded at approval, a new agency's tasks)."""
    texts = {
        name: getattr(outline, name)
        for name in TEXT_FIELDS
        if not _same(getattr(outline, name), getattr(proposed, name))
    }
    signers = []
    for index in range(max(len(outline.signatures), len(proposed.signatures))):
        mine = outline.signatures[index] if index < len(outline.signatures) else None
        theirs = proposed.signatures[index] if index < len(proposed.signatures) else None
        if mine is None:
            signers.append({"removed": True})
        elif theirs is None:
            signers.append(_signature_data(mine))
        else:
            mine_data, their_data = _signature_data(mine), _signature_data(theirs)
            signers.append({name: value for name, value in mine_data.items() if value != their_data[name]})
    return {"texts": texts, "signatures": signers}


def merged(proposed: Outline, changed: dict) -> Outline:
    """The proposal with the author's changes (see `changes`) in place."""
    signatures = []
    overrides = changed.get("signatures", [])
    for index in range(max(len(overrides), len(proposed.signatures))):
        override = overrides[index] if index < len(overrides) else {}
        theirs = proposed.signatures[index] if index < len(proposed.signatures) else None
        if override.get("removed"):
            continue
        if theirs is None:
            signatures.append(Signature(**{"authority_lines": [], "title": "", "name": "", **override}))
        else:
            signatures.append(replace(theirs, **override))
    return replace(proposed, **changed.get("texts", {}), signatures=tuple(signatures))


def authored(document: Document, outline: Outline, *, strict: bool = True) -> Document:
    """The document with the author's outline in place of the portal's proposal. The masthead, the
    number and the date stay the data's."""
    return replace(
        document,
        summary=outline.summary,
        bases=[line.strip() for line in outline.bases.splitlines() if line.strip()],
        blocks=parse_body(outline.body, parts(document), strict=strict),
        recipients=[recipient_name(line) for line in outline.recipients.splitlines() if recipient_name(line)],
        archive=outline.archive,
        signatures=list(outline.signatures),
    )


# ------------------------------------------------------------------ a whole document as JSON

_BLOCKS = {kind.kind: kind for kind in (Heading, Paragraph, Table)}


def _value(value):
    if isinstance(value, Promise):  # a lazily translated label ("Ngân sách trung ương")
        return str(value)
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    return value


def _restore(value):
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return Decimal(value["decimal"])
    if isinstance(value, list):
        return [_restore(item) for item in value]
    return value


def _record(item) -> dict:
    return {field.name: _value(getattr(item, field.name)) for field in fields(item)}


def to_data(document: Document) -> dict:
    """The document as printed (Parts opened), as JSON-ready data."""
    data = _record(replace(document, blocks=[], signatures=[]))
    data["date"] = document.date.isoformat() if document.date else None
    data["blocks"] = [{"kind": block.kind, **_record(block)} for block in flat(document.blocks)]
    data["signatures"] = [_record(signature) for signature in document.signatures]
    return data


def from_data(data: dict) -> Document:
    blocks = []
    for item in data["blocks"]:
        values = {key: _restore(value) for key, value in item.items() if key != "kind"}
        blocks.append(_BLOCKS[item["kind"]](**values))
    values = {key: _restore(value) for key, value in data.items() if key not in {"blocks", "signatures", "date"}}
    return Document(
        **values,
        date=date.fromisoformat(data["date"]) if data["date"] else None,
        blocks=blocks,
        signatures=[Signature(**signature) for signature in data["signatures"]],
    )
