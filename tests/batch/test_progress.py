"""The progress display: a bar on a terminal, plain lines elsewhere, nothing when asked."""

from __future__ import annotations

import time

import pytest

from vanban.batch import progress


def test_choice_of_display(monkeypatch: pytest.MonkeyPatch) -> None:
    assert type(progress.make_progress(False)).__name__ == "_Quiet"
    monkeypatch.setenv("CI", "true")
    assert type(progress.make_progress(None)).__name__ == "_Lines"
    monkeypatch.delenv("CI")
    monkeypatch.setattr("vanban.batch.progress.sys.stderr.isatty", lambda: False)
    assert type(progress.make_progress(None)).__name__ == "_Lines"


def test_plain_lines_have_counts_and_no_escape_codes(capsys: pytest.CaptureFixture[str]) -> None:
    lines = progress._Lines(interval=0.0)
    lines.set_total(3)
    for status in ("ok", "failed", "no_text"):
        lines.advance(status)
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("vanban convert: 3/3 files, ")
    assert err.splitlines()[-1].endswith("2 not read")
    assert "\x1b" not in err


def test_total_is_counted_in_the_background() -> None:
    seen: list[int] = []

    class Display(progress._Quiet):
        def set_total(self, total: int) -> None:
            seen.append(total)

    counter = Display().count_in_background(lambda: iter(range(1234)))
    deadline = time.monotonic() + 10
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    counter.cancel()
    assert seen == [1234]
