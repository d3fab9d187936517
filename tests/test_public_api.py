"""The public surface: __all__ sorted and complete, the schema shipped and current."""

from __future__ import annotations

import types

import vanban
from vanban.schema import document_schema, shipped_schema


def test_all_is_sorted_and_exported() -> None:
    assert vanban.__all__ == sorted(vanban.__all__)
    for name in vanban.__all__:
        assert hasattr(vanban, name), name


def test_public_names_are_all_listed() -> None:
    helpers = {"annotations", "importlib", "TYPE_CHECKING", "Any"}
    public = {
        n
        for n in dir(vanban)
        if not n.startswith("_")
        and n not in helpers
        and not isinstance(getattr(vanban, n), types.ModuleType)
    }
    assert public <= set(vanban.__all__)


def test_shipped_schema_matches_models() -> None:
    assert shipped_schema() == document_schema(), "run scripts/gen_schema.py"


def test_schema_names_the_contract_fields() -> None:
    props = document_schema()["properties"]
    for field in (
        "schema_version",
        "source",
        "genre",
        "doc_type",
        "number",
        "issued_date",
        "place",
        "issuer",
        "issuer_parent",
        "subject",
        "recipients",
        "duties",
        "signer",
        "distribution",
        "archive",
        "citations",
        "urgency",
        "secrecy",
        "article",
        "issues",
    ):
        assert field in props, field


def test_lazy_names_resolve_to_their_modules() -> None:
    from vanban.api import parse
    from vanban.errors import VanbanError

    assert vanban.parse is parse
    assert vanban.VanbanError is VanbanError


def test_help_does_not_import_the_parser() -> None:
    import subprocess
    import sys

    code = "import sys, vanban.cli; vanban.cli.build_parser(); print('pydantic' in sys.modules, 'vanban.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
