"""The ``ocr=`` option: its values and their check.

Apart from :mod:`vanban.loaders.ocr` so that validating the option does not
load the OCR code for a text file.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["OCR_MODES", "OcrMode", "check_mode"]

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[str, ...] = ("auto", "always", "never")


def check_mode(ocr: str) -> OcrMode:
    """Validate an ``ocr=`` argument.

    >>> check_mode("auto")
    'auto'
    """
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}")
    return ocr  # type: ignore[return-value]
