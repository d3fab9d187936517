"""Floors for ``accuracy.py``: the regression check and the guarded baseline update.

``baseline.json`` pins, per dataset, a corpus digest and a floor per field and metric
(``accuracy`` = strict, ``lenient``), plus one ``tolerance``::

    {"tolerance": 0.005,
     "datasets": {"vbpl": {"digest": "…", "docs": 356,
                           "floors": {"number": {"accuracy": 0.95, "lenient": 0.97}}}}}

A measured value under ``floor - tolerance`` is a regression. Floors only go up by
themselves; lowering one needs ``allow_lower`` (``--allow-lower``), and every change
is listed so that the pull request can say so.
"""

from __future__ import annotations

import copy
import math
from typing import Any

DEFAULT_TOLERANCE = 0.005
METRICS = ("accuracy", "lenient")

Measured = dict[str, dict[str, Any]]
"""``{dataset: {"digest": str, "docs": int, "fields": {field: {metric: float | None}}}}``."""


def pin(value: float) -> float:
    """The floor pinned for a measured value: rounded down to three decimals."""
    return math.floor(value * 1000 + 1e-9) / 1000


def check(baseline: dict[str, Any], measured: Measured) -> list[str]:
    """Return the regressions of ``measured`` against ``baseline`` (empty when all pass).

    Datasets that were not measured are skipped; a dataset whose corpus digest
    differs from the pinned one is reported, since its floors were set on other data,
    and so is any crash (an exception that is not a ``VanbanError``).
    """
    tolerance = float(baseline.get("tolerance", DEFAULT_TOLERANCE))
    problems: list[str] = []
    for name, pinned in sorted(baseline.get("datasets", {}).items()):
        got = measured.get(name)
        if got is None:
            continue
        if pinned.get("digest") and pinned["digest"] != got.get("digest"):
            problems.append(
                f"{name}: corpus digest {str(got.get('digest'))[:12]} differs from the pinned "
                f"{pinned['digest'][:12]}: the floors were set on other data "
                "(re-pin with --update-baseline)"
            )
        if got.get("crashes"):
            problems.append(f"{name}: {len(got['crashes'])} document(s) crashed the parser")
        for fname, floors in sorted(pinned.get("floors", {}).items()):
            for metric, floor in sorted(floors.items()):
                value = got.get("fields", {}).get(fname, {}).get(metric)
                if value is None:
                    problems.append(f"{name}.{fname}.{metric}: not measured (floor {floor:.3f})")
                elif value < floor - tolerance:
                    problems.append(
                        f"{name}.{fname}.{metric}: {value:.4f} is under the floor {floor:.3f} "
                        f"(tolerance {tolerance})"
                    )
    return problems


def update(
    baseline: dict[str, Any], measured: Measured
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Pin ``measured`` as the new floors.

    Returns:
        ``(new_baseline, changes, lowered)``: every changed line, and the subset that
        lowers a floor (the caller refuses to write those without ``--allow-lower``).
    """
    new = copy.deepcopy(baseline)
    new.setdefault("tolerance", DEFAULT_TOLERANCE)
    datasets = new.setdefault("datasets", {})
    changes: list[str] = []
    lowered: list[str] = []
    for name, got in sorted(measured.items()):
        entry = datasets.setdefault(name, {"digest": None, "docs": 0, "floors": {}})
        if entry.get("digest") != got.get("digest"):
            old = str(entry.get("digest"))[:12]
            changes.append(f"{name}: digest {old} → {str(got.get('digest'))[:12]}")
            entry["digest"] = got.get("digest")
        entry["docs"] = got.get("docs", entry.get("docs"))
        floors = entry.setdefault("floors", {})
        for fname, metrics in sorted(got.get("fields", {}).items()):
            for metric in METRICS:
                value = metrics.get(metric)
                if value is None:
                    continue
                floor, old_floor = pin(value), floors.get(fname, {}).get(metric)
                if floor == old_floor:
                    continue
                line = f"{name}.{fname}.{metric}: {old_floor} → {floor}"
                changes.append(line)
                if old_floor is not None and floor < old_floor:
                    lowered.append(line)
                floors.setdefault(fname, {})[metric] = floor
    return new, changes, lowered
