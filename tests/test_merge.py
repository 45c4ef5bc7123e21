"""The statement-level 3-way merge that field commands apply to a user's files."""

from __future__ import annotations

import pytest

from fastforge.errors import MergeConflictError
from fastforge.merge import merge_module

BASE = '''"""Products."""

from a import b


class Product(Base):
    """One product."""

    title: str

    def describe(self) -> str:
        return self.title


def helper() -> int:
    return 1
'''
NEW = (
    BASE.replace("    title: str\n", "    title: str\n    price: int = 0\n")
    .replace("from a import b\n", "from a import b\nfrom c import d\n")
    .replace("return 1", "return 2")
)


def test_a_file_as_generated_becomes_the_new_render() -> None:
    assert merge_module(base=BASE, new=NEW, mine=BASE, path="m.py") == NEW


def test_user_methods_comments_and_functions_survive() -> None:
    mine = BASE.replace(
        "        return self.title\n",
        "        return self.title\n\n    # Mine: a method fastforge never made.\n    def shout(self) -> str:\n        return self.title.upper()\n",
    ).replace("def helper()", "def my_own() -> None:\n    pass\n\n\ndef helper()")

    merged = merge_module(base=BASE, new=NEW, mine=mine, path="m.py")

    assert "    price: int = 0\n" in merged
    assert "from c import d" in merged
    assert "# Mine: a method fastforge never made." in merged
    assert "def shout(self)" in merged
    assert "def my_own()" in merged
    assert "return 2" in merged
    assert merged.index("title: str") < merged.index("price: int") < merged.index("def describe")


def test_a_removed_statement_goes_unless_the_user_changed_it() -> None:
    removed = BASE.replace("    title: str\n", "")
    assert "title: str" not in merge_module(
        base=BASE, new=removed, mine=BASE + "\n# x\n", path="m.py"
    )
    mine = BASE.replace("    title: str\n", "    title: str = 'kept'\n")
    with pytest.raises(MergeConflictError, match=r"m\.py at Product\.title"):
        merge_module(base=BASE, new=removed, mine=mine, path="m.py")


def test_an_overlapping_edit_refuses_naming_the_file_and_place() -> None:
    mine = BASE.replace("return 1", "return 10")
    with pytest.raises(
        MergeConflictError, match=r"m\.py at helper: you changed what fastforge changes"
    ):
        merge_module(base=BASE, new=NEW, mine=mine, path="m.py")


def test_unparsable_file_refuses() -> None:
    with pytest.raises(MergeConflictError, match="not valid Python"):
        merge_module(base=BASE, new=NEW, mine="def (:\n", path="m.py")
