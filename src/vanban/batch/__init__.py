"""Batch conversion of archive folders: ``vanban convert`` and :func:`parse_many`.

* :func:`convert` turns a folder into JSON files plus ``manifest.jsonl``,
  in parallel, resumable after a crash, on this machine or a Dask cluster;
* :func:`parse_many` yields ``(path, Document or VanbanError)`` for library users.

See docs/batch.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.batch.api import parse_many
    from vanban.batch.dask_backend import convert_on_dask, dask_backend
    from vanban.batch.runner import convert
    from vanban.batch.summary import Summary

__all__ = ["Summary", "convert", "convert_on_dask", "dask_backend", "parse_many"]

_WHERE = {
    "parse_many": "vanban.batch.api",
    "convert": "vanban.batch.runner",
    "convert_on_dask": "vanban.batch.dask_backend",
    "dask_backend": "vanban.batch.dask_backend",
    "Summary": "vanban.batch.summary",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _WHERE:
        raise AttributeError(f"module 'vanban.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
