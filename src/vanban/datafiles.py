"""Reading the package's TOML data files into validated pydantic models."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from vanban.errors import RuleDataError

__all__ = ["load_data_model"]

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
