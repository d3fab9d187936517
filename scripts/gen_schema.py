"""Write src/vanban/data/document.schema.json from the models.

Run after changing :mod:`vanban.models`; a test checks the file is current.
"""

from __future__ import annotations

import json
from pathlib import Path

from vanban.schema import SCHEMA_FILE, document_schema

OUT = Path(__file__).resolve().parents[1] / "src" / "vanban" / "data" / SCHEMA_FILE

if __name__ == "__main__":
    OUT.write_text(json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote {OUT}")
