"""The README's Python example runs as written, and its commented values hold (issue #12)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from .bounded import ROOT

README = ROOT / "README.md"


def python_example() -> str:
    text = README.read_text("utf-8")
    start = text.index("```python\n") + len("```python\n")
    return text[start : text.index("```", start)]


def with_checks(example: str) -> str:
    """The example, with each ``expr  # value`` line whose comment is a value turned
    into an assertion that ``expr == value``."""
    out = []
    for line in example.splitlines():
        code, sep, comment = line.partition("  # ")
        value = comment.strip()
        if sep and code.strip() and not code.startswith((" ", "for ", "if ")):
            try:
                ast.parse(value, mode="eval")
                ast.parse(code.strip(), mode="eval")
            except SyntaxError:
                pass
            else:
                if "…" not in value:
                    out.append(f"assert ({code.strip()}) == ({value}), {code.strip()!r}")
                    continue
        out.append(line)
    return "import datetime\n" + "\n".join(out) + "\n"


def test_readme_example_runs_as_written(tmp_path: Path) -> None:
    example = python_example()
    assert "cv001.docx" in example and 'if __name__ == "__main__":' in example
    script = tmp_path / "readme_example.py"
    script.write_text(with_checks(example), encoding="utf-8")
    assert script.read_text("utf-8").count("assert ") >= 4  # the values are checked
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    printed = sorted(done.stdout.splitlines())
    assert len(printed) == 2 and all("2680/UBND-KGVX" in line for line in printed), printed


def test_parse_many_without_main_guard_says_to_add_it(tmp_path: Path) -> None:
    script = tmp_path / "no_guard.py"
    script.write_text(
        textwrap.dedent(
            """
            import vanban
            for path, result in vanban.parse_many(["fixtures/formats/cv001.docx"], workers=1):
                print(path, type(result).__name__)
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    # was: every file a WorkerCrashed, and exit code 0
    assert done.returncode != 0
    assert "WorkerCrashed" not in done.stdout
    assert 'if __name__ == "__main__":' in done.stderr and "RuntimeError" in done.stderr


def test_parse_many_under_the_guard_or_in_a_function_works(tmp_path: Path) -> None:
    script = tmp_path / "guarded.py"
    script.write_text(
        textwrap.dedent(
            """
            import vanban

            def main():
                for path, result in vanban.parse_many(["fixtures/formats/cv001.docx"], workers=1):
                    print(type(result).__name__, result.number.raw)

            if __name__ == "__main__":
                main()
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["Document", "2680/UBND-KGVX"]
