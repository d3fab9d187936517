"""Reading the package's TOML data files into validated pydantic models."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vanban.errors import RuleDataError

__all__ = ["load_data_model", "read_rule_toml"]

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_data_model(filename: str, model: type[ModelT]) -> ModelT:
    """Read ``vanban/data/<filename>`` and validate it as ``model``.

    Raises:
        RuleDataError: the file is not valid TOML or breaks the model.
    """
    raw = resources.files("vanban").joinpath("data", filename).read_text("utf-8")
    try:
        return model.model_validate(tomllib.loads(raw))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise RuleDataError(f"data/{filename} is malformed: {exc}") from exc


def read_rule_toml(path: Path) -> dict[str, Any]:
    """The TOML of a user rule file (or a built-in agency file), as tables.

    Raises:
        RuleDataError: the file cannot be read or is not TOML; the message names it.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleDataError(f"{path}: cannot read rule file ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleDataError(f"{path}: not valid TOML: {exc}") from exc
