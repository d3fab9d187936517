"""The JSON Schema of :class:`~vanban.models.Document`, as shipped in the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from vanban.models import Document

SCHEMA_FILE = "document.schema.json"


def document_schema() -> dict[str, Any]:
    """The JSON Schema generated from the models."""
    schema: dict[str, Any] = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://vanban.readthedocs.io/schema/document-1.json"
    return schema


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package (kept equal to the models by a test)."""
    text = resources.files("vanban").joinpath("data", SCHEMA_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
