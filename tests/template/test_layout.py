"""The generated layout (seed 000): every folder present and its role stated, via pytest-copie."""

from __future__ import annotations

import ast
from typing import Any

import pytest

from fastforge.questions import template_root

PACKAGES = [
    "app",
    "app/models",
    "app/schemas",
    "app/services",
    "app/routes",
    "app/controllers",
    "app/middlewares",
    "app/utils",
    "app/commands",
    "app/tests",
    "config",
]
FILES = ["main.py", "config/settings.py", "config/logging.py", ".env", ".env.example",
         ".gitignore", "README.md", "pyproject.toml"]
FOLDERS = ["app/static", "migrations"]


@pytest.mark.parametrize("database", ["none", "sqlite"])
def test_layout_has_every_folder_with_its_role_stated(copie: Any, database: str) -> None:
    result = copie.copy(template_dir=template_root(), extra_answers={"database": database})
    assert result.exception is None, result.exception
    root = result.project_dir
    for rel in FILES:
        assert (root / rel).is_file(), rel
    # The database connection exists only with a database: no module stands empty.
    assert (root / "config/db.py").is_file() == (database != "none")
    for rel in FOLDERS:
        assert (root / rel).is_dir() and any((root / rel).iterdir()), rel
    for rel in PACKAGES:
        init = root / rel / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text()))
        assert docstring and "\n" not in docstring, f"{rel} does not state its role in one line"
    # docs/openapi.json is generated from the app (after install, or by its first test run).
    assert not (root / "docs/openapi.json").exists()
