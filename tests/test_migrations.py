"""Reading the revision graph from migration files: strict, and one line naming the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.errors import MigrationStateError
from fastforge.migrations import read_graph
from tests.helpers import build_file_tree, generate, snapshot


def migration(revision: str, down: str | None, *, annotated: bool = False) -> str:
    value = f'"{down}"' if down else "None"
    if annotated:
        return f'revision: str = "{revision}"\ndown_revision: str | None = {value}\n'
    return f'revision = "{revision}"\ndown_revision = {value}\n'


def versions(tmp_path: Path, files: dict[str, str]) -> Path:
    return build_file_tree(tmp_path, {f"migrations/versions/{k}": v for k, v in files.items()})


def test_graph_follows_the_chain_to_one_head(tmp_path: Path) -> None:
    root = versions(
        tmp_path,
        {
            "a_first.py": migration("aaa", None),
            "b_second.py": migration("bbb", "aaa", annotated=True),
            "c_merge.py": 'revision = "ccc"\ndown_revision = ("bbb",)\n',
        },
    )
    graph = read_graph(root)
    assert graph.head == "ccc"
    assert [m.revision for m in graph.children("aaa")] == ["bbb"]
    assert graph.applied(("bbb",)) == {"aaa", "bbb"}
    assert graph.applied(()) == set()


@pytest.mark.parametrize(
    ("files", "named", "problem"),
    [
        (
            {
                "a.py": migration("aaa", None),
                "b.py": migration("bbb", "aaa"),
                "c.py": migration("ccc", "aaa"),
            },
            ["b.py", "c.py"],
            "are all heads",
        ),
        (
            {"b.py": migration("bbb", "gone")},
            ["b.py"],
            "builds on revision gone, which no migration defines",
        ),
        ({"x.py": "revision = make_id()\ndown_revision = None\n"}, ["x.py"], "plain strings"),
        ({"x.py": "def broken(:\n"}, ["x.py"], "is not valid Python"),
        (
            {"a.py": migration("aaa", None), "b.py": migration("aaa", None)},
            ["a.py", "b.py"],
            "both define revision aaa",
        ),
    ],
)
def test_odd_states_name_the_files(
    tmp_path: Path, files: dict[str, str], named: list[str], problem: str
) -> None:
    root = versions(tmp_path, files)
    with pytest.raises(MigrationStateError) as caught:
        read_graph(root).head  # noqa: B018
    message = str(caught.value)
    assert problem in message
    for name in named:
        assert f"migrations/versions/{name}" in message


def test_add_resource_on_two_heads_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generate(tmp_path / "shop", {"database": "sqlite", "auth": "jwt"})
    (users,) = (root / "migrations/versions").glob("*_create_users.py")
    (root / "migrations/versions/ffff_other_head.py").write_text(migration("ffff", None))
    monkeypatch.chdir(root)
    before = snapshot(root)
    result = CliRunner().invoke(
        app, ["add", "resource", "product", "title:str", "--no-refresh"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert users.name in result.output
    assert "alembic merge heads" in result.output
    assert snapshot(root) == before
