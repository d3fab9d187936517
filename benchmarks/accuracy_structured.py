"""Duties and citations against ``duties_citations.jsonl`` (hand labels of 20 documents).

Each labelled document lists its duties (label, agencies, lead, partners, deadline, number of
tasks) and its *distinct* cited documents (type, number, date, issuer, law name, mentions).
Scores, micro-averaged over the dataset (F1 = 2PR / (P + R)):

* ``duty_agencies``: every labelled duty is paired with one parsed duty: of the same label
  and sharing an agency first (labels repeat: a "b)" under each item), then the first free
  one of its label, then the free one sharing most agencies; an agency of a paired duty is
  right when its canonical name or raw text equals the label (NFC, case folded; lenient:
  accents too).
  Agencies of unpaired parsed duties are false positives, of unpaired labelled ones misses.
* ``duty_lead``, ``duty_partners``: the same over the ``lead`` / ``partners`` lists.
* ``duty_deadline``: the same over the one deadline of a duty (a labelled date is a hit when
  the paired duty has that date; a parsed date on a duty labelled without one, a different
  date, or a date on an unpaired parsed duty is a false positive).
* ``duty_tasks`` (accuracy): for paired duties, whether the number of parsed tasks equals the
  labelled one. The labels count a task per sentence or per bullet as printed; where the
  notes give two counts the first is the label.
* ``citations``: a parsed citation that starts a chain (``refers_to`` is null) is one cited
  document. It matches a label when type, number, date and issuer all agree (a null on both
  sides agrees; the issuer by canonical name or raw text, or a label without the province
  that the canonical name adds, "Sở Nội vụ" for "Sở Nội vụ tỉnh Lâm Đồng"; lenient: accents,
  and a label the parsed name starts or ends with); a law cited by name matches on the name
  when it has no number (with the law's year, which the parser keeps apart, as the label
  prints it: "Luật Doanh nghiệp 2014" or "… năm 2014"). The same document cited twice as
  separate chains counts once as a hit and once as a false positive: repeated mentions
  belong to one citation.
* ``citation_mentions`` (accuracy): for matched documents, whether 1 + the number of
  citations that refer back to it equals the labelled mentions.

``n`` is the number of labelled items (duties' agencies, citations). Exits nothing by itself:
``accuracy.py`` runs it as the ``duties_citations`` dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accuracy_fields import fold, norm_number, strip_accents

STRUCTURED_FIELDS = (
    "duty_agencies",
    "duty_lead",
    "duty_partners",
    "duty_deadline",
    "duty_tasks",
    "citations",
    "citation_mentions",
)


@dataclass
class Tally:
    """True positives, false positives and misses of one score, strict and lenient."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ltp: int = 0
    lfp: int = 0
    lfn: int = 0
    kind: str = "f1"

    def add(self, strict: tuple[int, int, int], lenient: tuple[int, int, int]) -> None:
        """Add (tp, fp, fn) counts of the strict and the lenient comparison."""
        self.tp += strict[0]
        self.fp += strict[1]
        self.fn += strict[2]
        self.ltp += lenient[0]
        self.lfp += lenient[1]
        self.lfn += lenient[2]

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> float | None:
        if tp + fp + fn == 0:
            return None
        return round(2 * tp / (2 * tp + fp + fn), 4)

    def stats(self) -> dict[str, Any]:
        n = self.tp + self.fn
        if self.kind == "accuracy":  # right / all, over the items scored
            strict = round(self.tp / n, 4) if n else None
            lenient = round(self.ltp / (self.ltp + self.lfn), 4) if self.ltp + self.lfn else None
        else:
            strict = self._f1(self.tp, self.fp, self.fn)
            lenient = self._f1(self.ltp, self.lfp, self.lfn)
        return {
            "n": n,
            "correct": self.tp,
            "lenient_correct": self.ltp,
            "accuracy": strict,
            "lenient": lenient,
            "precision": round(self.tp / (self.tp + self.fp), 4) if self.tp + self.fp else None,
            "recall": round(self.tp / n, 4) if n else None,
            "absent": 0,
            "spurious": self.fp,
        }


# --------------------------------------------------------------------------- agencies


def _names(agency: Any) -> list[str]:
    return [v for v in (agency.name, agency.raw) if v]


def _match_sets(
    expected: list[str], got: list[list[str]], key: Callable[[str], str]
) -> tuple[int, int, int]:
    """(tp, fp, fn) of a labelled list of names against parsed agencies' name lists."""
    left = [{key(n) for n in names} for names in got]
    tp = 0
    for name in expected:
        k = key(name)
        hit = next((i for i, keys in enumerate(left) if k in keys), None)
        if hit is not None:
            tp += 1
            left.pop(hit)
    return tp, len(left), len(expected) - tp


def _label_key(label: str | None) -> str:
    return fold(label or "").rstrip(".):")


def _pair_duties(labelled: list[dict[str, Any]], parsed: list[Any]) -> list[tuple[int, int]]:
    """Pairs (labelled index, parsed index): same label first, then most shared agencies.

    Labels repeat ("b)" under each numbered item), so same-label pairs that share an agency
    are made first, in order; a labelled duty that shares none then takes the first free
    duty of its label, and one without a label the free duty sharing most agencies.
    """
    pairs: list[tuple[int, int]] = []
    free = set(range(len(parsed)))
    pending: list[int] = []
    unshared: list[int] = []

    def same_label(i: int) -> list[int]:
        key = _label_key(labelled[i]["label"])
        return [j for j in sorted(free) if _label_key(parsed[j].label) == key]

    for i, duty in enumerate(labelled):
        if duty["label"] is None:
            pending.append(i)
            continue
        best = _most_shared(duty, parsed, same_label(i), at_least=1)
        if best is None:
            unshared.append(i)
            continue
        pairs.append((i, best))
        free.discard(best)
    for i in unshared:
        best = _most_shared(labelled[i], parsed, same_label(i))
        if best is None:
            pending.append(i)
            continue
        pairs.append((i, best))
        free.discard(best)
    for i in sorted(pending):
        best = _most_shared(labelled[i], parsed, sorted(free))
        if best is not None:
            pairs.append((i, best))
            free.discard(best)
    return sorted(pairs)


def _most_shared(
    duty: dict[str, Any], parsed: list[Any], candidates: Iterable[int], at_least: int = 0
) -> int | None:
    """The candidate sharing most agencies with ``duty`` (the first on a tie). With
    ``at_least`` 0 a labelled duty takes the first candidate when none shares, an unlabelled
    one none; otherwise the candidate must share that many."""
    best, best_score = None, 0
    for j in candidates:
        score = _match_sets(duty["agencies"], [_names(a) for a in parsed[j].agencies], fold)[0]
        if score > best_score or (best is None and score == best_score and duty["label"]):
            best, best_score = j, score
    return best if best_score >= at_least else None


def score_duties(
    labelled: list[dict[str, Any]], parsed: list[Any], tallies: dict[str, Tally]
) -> None:
    """Add one document's duty scores to ``tallies`` (keys ``duty_*``)."""
    pairs = _pair_duties(labelled, parsed)
    paired_parsed = {j for _, j in pairs}
    paired_labelled = {i for i, _ in pairs}
    for attr, name in (
        ("agencies", "duty_agencies"),
        ("lead", "duty_lead"),
        ("partners", "duty_partners"),
    ):
        tally = tallies[name]
        for i, j in pairs:
            got = [_names(a) for a in getattr(parsed[j], attr)]
            tally.add(
                _match_sets(labelled[i][attr], got, fold),
                _match_sets(labelled[i][attr], got, strip_accents),
            )
        for j in set(range(len(parsed))) - paired_parsed:
            extra = len(getattr(parsed[j], attr))
            tally.add((0, extra, 0), (0, extra, 0))
        for i in set(range(len(labelled))) - paired_labelled:
            missed = len(labelled[i][attr])
            tally.add((0, 0, missed), (0, 0, missed))
    deadlines = tallies["duty_deadline"]
    for i, j in pairs:
        want, got = labelled[i]["deadline"], parsed[j].deadline
        got_iso = got.isoformat() if got is not None else None
        counts = (
            int(want is not None and want == got_iso),
            int(got_iso is not None and want != got_iso),
            int(want is not None and want != got_iso),
        )
        deadlines.add(counts, counts)
    for j in set(range(len(parsed))) - paired_parsed:
        extra = int(parsed[j].deadline is not None)
        deadlines.add((0, extra, 0), (0, extra, 0))
    for i in set(range(len(labelled))) - paired_labelled:
        missed = int(labelled[i]["deadline"] is not None)
        deadlines.add((0, 0, missed), (0, 0, missed))
    # An accuracy over every labelled duty (an unpaired one is wrong).
    right = sum(labelled[i]["tasks"] == len(parsed[j].tasks) for i, j in pairs)
    counts = (right, 0, len(labelled) - right)
    tallies["duty_tasks"].add(counts, counts)


# --------------------------------------------------------------------------- citations


def _issuer_eq(expected: str | None, got: Any, lenient: bool) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    key = strip_accents if lenient else fold
    want = key(expected)
    names = [key(n) for n in _names(got)]
    if lenient:
        return any(n == want or n.startswith(want) or n.endswith(want) for n in names)
    # A label may leave out the province the canonical name adds ("Sở Nội vụ").
    qualified = tuple(f"{want} {unit} " for unit in ("tỉnh", "thành phố"))
    return want in names or any(n.startswith(qualified) for n in names)


def _citation_eq(expected: dict[str, Any], got: Any, lenient: bool) -> bool:
    key = strip_accents if lenient else fold
    got_type = got.doc_type.name if got.doc_type else None
    if (expected["doc_type"] is None) != (got_type is None):
        return False
    if expected["doc_type"] and key(expected["doc_type"]) != key(got_type or ""):
        return False
    got_number = got.number.raw if got.number else None
    if expected["number"] is None and expected.get("name"):
        if got_number is not None or got.name is None:
            return False
        # The parser keeps a law's year apart: "Luật Doanh nghiệp" + 2014 is the label's
        # "Luật Doanh nghiệp 2014" or "Luật Doanh nghiệp năm 2014", as printed.
        names = {key(got.name)}
        if got.year is not None:
            names = {key(f"{got.name} {got.year}"), key(f"{got.name} năm {got.year}")}
        if key(expected["name"]) not in names:
            return False
    elif norm_number(expected["number"] or "") != norm_number(got_number or ""):
        return False
    got_date = got.issued_date.isoformat() if got.issued_date else None
    if expected["issued_date"] != got_date:
        return False
    return _issuer_eq(expected["issuer"], got.issuer, lenient)


def score_citations(
    labelled: list[dict[str, Any]], parsed: list[Any], tallies: dict[str, Tally]
) -> None:
    """Add one document's citation scores to ``tallies`` (``citations``, ``citation_mentions``)."""
    heads = [k for k, c in enumerate(parsed) if c.refers_to is None]
    mentions = dict.fromkeys(heads, 1)
    for c in parsed:
        if c.refers_to is not None and c.refers_to in mentions:
            mentions[c.refers_to] += 1
    strict_hits = _pair_citations(labelled, parsed, heads, lenient=False)
    lenient_hits = _pair_citations(labelled, parsed, heads, lenient=True)
    tallies["citations"].add(
        (len(strict_hits), len(heads) - len(strict_hits), len(labelled) - len(strict_hits)),
        (len(lenient_hits), len(heads) - len(lenient_hits), len(labelled) - len(lenient_hits)),
    )
    # An accuracy over the matched documents (``Tally(kind="accuracy")``).
    right = sum(want["mentions"] == mentions[k] for want, k in strict_hits)
    counts = (right, 0, len(strict_hits) - right)
    tallies["citation_mentions"].add(counts, counts)


def _pair_citations(
    labelled: list[dict[str, Any]], parsed: list[Any], heads: list[int], *, lenient: bool
) -> list[tuple[dict[str, Any], int]]:
    """Each labelled citation with the first unpaired parsed chain head that matches it."""
    left = list(heads)
    hits: list[tuple[dict[str, Any], int]] = []
    for want in labelled:
        k = next((k for k in left if _citation_eq(want, parsed[k], lenient)), None)
        if k is not None:
            left.remove(k)
            hits.append((want, k))
    return hits


def new_tallies() -> dict[str, Tally]:
    """One empty tally per structured field."""
    return {
        name: Tally(kind="accuracy" if name in {"citation_mentions", "duty_tasks"} else "f1")
        for name in STRUCTURED_FIELDS
    }


def file_of(row: dict[str, Any], corpus: Path) -> Path:
    """The labelled document's path (``lamdong/…`` or ``tvpl/…`` under the corpus)."""
    return corpus / row["file"]


def _citation_str(c: Any) -> str:
    kind = c.doc_type.name if c.doc_type else None
    number = c.number.raw if c.number else None
    date = c.issued_date.isoformat() if c.issued_date else None
    issuer = c.issuer.name or c.issuer.raw if c.issuer else None
    return f"{kind} | {number or c.name} | {date} | {issuer}"


def _label_str(want: dict[str, Any]) -> str:
    what = want["number"] or want.get("name")
    return f"{want['doc_type']} | {what} | {want['issued_date']} | {want['issuer']}"


def show(rows: list[tuple[dict[str, Any], Any]], name: str, limit: int) -> str:
    """The misses of one structured field, document by document."""
    out = [f"# {name}"]
    shown = 0
    for label, doc in rows:
        lines: list[str] = []
        if name.startswith("citation"):
            parsed = list(doc.citations) if doc else []
            heads = [k for k, c in enumerate(parsed) if c.refers_to is None]
            hits = _pair_citations(label["citations"], parsed, heads, lenient=False)
            found = [id(want) for want, _ in hits]
            lines += [
                f"  missed:   {_label_str(want)}"
                for want in label["citations"]
                if id(want) not in found
            ]
            used = {k for _, k in hits}
            lines += [f"  spurious: {_citation_str(parsed[k])}" for k in heads if k not in used]
        elif name in {"duty_deadline", "duty_tasks"}:
            lines += _show_duty_values(label["duties"], list(doc.duties) if doc else [], name)
        else:
            attr = name.removeprefix("duty_")
            parsed = list(doc.duties) if doc else []
            pairs = dict(_pair_duties(label["duties"], parsed))
            for i, duty in enumerate(label["duties"]):
                agencies = getattr(parsed[pairs[i]], attr) if i in pairs else []
                if _match_sets(duty[attr], [_names(a) for a in agencies], fold)[1:] != (0, 0):
                    got = [a.raw for a in agencies]
                    lines.append(f"  {duty['label']}: expected {duty[attr]}")
                    lines.append(f"  {' ' * len(str(duty['label']))}  got raw  {got}")
            for j in set(range(len(parsed))) - set(pairs.values()):
                extra = [a.raw for a in getattr(parsed[j], attr)]
                if extra:
                    lines.append(f"  unpaired parsed duty {parsed[j].label}: {extra}")
        if lines and shown < limit:
            out += ["", f"## {label['file']}", *lines]
            shown += 1
    return "\n".join(out)


def _show_duty_values(labelled: list[dict[str, Any]], parsed: list[Any], name: str) -> list[str]:
    """The paired duties whose deadline or number of tasks differs from the label."""
    lines: list[str] = []
    pairs = dict(_pair_duties(labelled, parsed))
    for i, duty in enumerate(labelled):
        got_duty = parsed[pairs[i]] if i in pairs else None
        if name == "duty_deadline":
            want: Any = duty["deadline"]
            got: Any = got_duty.deadline.isoformat() if got_duty and got_duty.deadline else None
        else:
            want, got = duty["tasks"], len(got_duty.tasks) if got_duty else None
        if want != got:
            head = f"  {duty['label']} {duty['agencies'][:1]}: expected {want}, got {got}"
            lines.append(head if got_duty is None else f"{head}: {list(got_duty.tasks)[:6]}")
    return lines
