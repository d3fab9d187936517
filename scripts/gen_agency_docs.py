"""Generate docs/agencies.md from the agency data files.

Usage: ``python scripts/gen_agency_docs.py`` (writes the page) or ``--check`` (exit 1
when the page is out of date; the test suite runs the same check).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from vanban.rules import RuleSet, load_rules

PAGE = Path(__file__).resolve().parents[1] / "docs" / "agencies.md"


def _cell(text: object) -> str:
    if text is None:
        return ""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: Iterable[list[object]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return [*out, ""]


def _mark(verified: bool) -> str:
    return "" if verified else " (unverified)"


def render(rules: RuleSet) -> str:
    """The Markdown page for ``rules``."""
    data = rules.data
    lines = [
        "# Supported agencies, abbreviations and changes",
        "",
        "Generated from `src/vanban/data/agencies/*.toml` by `scripts/gen_agency_docs.py`;",
        "do not edit by hand. How to add a rule: [rules-guide.md](rules-guide.md).",
        "",
        f"{len(data.central)} central bodies, {len(data.local)} local body rules, "
        f"{len(data.provinces)} province records, {len(data.abbreviations)} abbreviations, "
        f"{len(data.groups)} groups.",
        "",
        "## Central bodies",
        "",
    ]
    names = {b.id: b.name for b in data.central}
    lines += _table(
        ["id", "name", "valid", "successors", "change / source"],
        (
            [
                f"`{b.id}`",
                b.name + _mark(b.verified),
                f"{b.valid_from or '…'} – {b.valid_to or '…'}",
                ", ".join(names[s] for s in b.successors),
                "; ".join(x for x in (b.change, b.source) if x),
            ]
            for b in data.central
        ),
    )
    lines += ["## Local bodies (templates over places)", ""]
    lines += [
        '`{unit}` is "tỉnh Đắk Nông" / "thành phố Hà Nội", `{place}` the bare name, '
        '`{uy}` "Tỉnh ủy" / "Thành ủy".',
        "",
    ]
    local_names = {b.id: b.name for b in data.local}
    lines += _table(
        ["id", "template", "levels", "valid", "successors", "change / source"],
        (
            [
                f"`{b.id}`",
                b.name + _mark(b.verified),
                ", ".join(b.levels),
                f"{b.valid_from or '…'} – {b.valid_to or '…'}",
                ", ".join(local_names[s] for s in b.successors),
                "; ".join(x for x in (b.change, b.source) if x),
            ]
            for b in data.local
        ),
    )
    lines += ["## Changes", ""]
    changes = [
        [str(b.valid_to), b.name, ", ".join(names.get(s) or local_names[s] for s in b.successors)]
        for b in [*data.central, *data.local]
        if b.valid_to is not None
    ]
    lines += _table(["last day", "body", "carried on by"], sorted(changes))
    lines += ["## Provinces", ""]
    prov = {p.id: p for p in data.provinces}
    lines += _table(
        ["name", "type", "valid", "merged into", "source"],
        (
            [
                p.unit_name or p.name,
                p.type + "".join(f" → {c.type} from {c.valid_from}" for c in p.type_changes),
                f"{p.valid_from or '…'} – {p.valid_to or '…'}",
                prov[p.merged_into].name if p.merged_into else "",
                p.source,
            ]
            for p in data.provinces
        ),
    )
    lines += ["## Abbreviations", ""]
    lines += _table(
        ["expansion", "variants", "source"],
        (
            [a.expansion + _mark(a.verified), ", ".join(f"`{v}`" for v in a.variants), a.source]
            for a in data.abbreviations
        ),
    )
    lines += ["## Groups", ""]
    lines += _table(
        ["id", "name", "level", "valid to"],
        ([f"`{g.id}`", g.name, g.level, g.valid_to] for g in data.groups),
    )
    lines += ["## Distributive heads and attached prefixes", ""]
    lines += [
        "The members of a distributive list are split at commas, semicolons and"
        ' "và"; a run of up to four pieces that names a known body with the prefix'
        ' is one member ("các Sở: Nội vụ, Văn hóa, Thể thao và Du lịch" → Sở Nội vụ,'
        " Sở Văn hóa, Thể thao và Du lịch).",
        "",
    ]
    lines += _table(
        ["id", "heads / prefixes", "result"],
        [
            *(
                [f"`{d.id}`", ", ".join(d.heads), f"members: {d.member_prefix} …"]
                for d in data.distributive
            ),
            *(
                [f"`{a.id}`", ", ".join(a.prefixes), a.name or a.prepend or "the parent body"]
                for a in data.attached
            ),
        ],
    )
    lines += ["## Issuer codes (số hiệu)", ""]
    all_names = {**names, **local_names}
    lines += _table(
        ["code", "body", "source"],
        (
            [f"`{c.code}`", all_names[c.body] + _mark(c.verified), c.source]
            for c in data.issuer_codes
        ),
    )
    lines += ["## Unit codes (second segment of a công văn number)", ""]
    lines += _table(
        ["code", "unit", "source"],
        ([f"`{u.code}`", u.name + _mark(u.verified), u.source] for u in data.unit_codes),
    )
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    """Write the page, or with ``--check`` report whether it is up to date."""
    text = render(load_rules())
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python scripts/gen_agency_docs.py", file=sys.stderr)
            return 1
        return 0
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
