"""`make schemas`: write the JSON Schema of every data file to `data/schemas/`.

Each YAML file names its schema on the first line, so VS Code (YAML extension) and other
editors autocomplete fields and flag errors while typing. A test keeps these files in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from .data import DATA_FILES

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def schema_text(filename: str) -> str:
    schema = DATA_FILES[filename].model_json_schema()
    schema["title"] = f"data/{filename}"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_path(filename: str, schema_dir: Path = SCHEMA_DIR) -> Path:
    return schema_dir / filename.replace(".yml", ".schema.json")


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for filename in DATA_FILES:
        schema_path(filename).write_text(schema_text(filename), encoding="utf-8")
        print(f"geschrieben: {schema_path(filename).relative_to(SCHEMA_DIR.parent.parent)}")


if __name__ == "__main__":
    main()
