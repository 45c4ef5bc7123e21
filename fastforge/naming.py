"""Names derived from what the user typed: snake, Pascal, plural and singular forms."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from fastforge.errors import InvalidNameError

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_SAME_BOTH_WAYS = ("news", "series", "species", "data", "media")

# Words PostgreSQL, MariaDB or SQLite reserve, which make poor table and column names.
SQL_RESERVED = frozenset(
    # One string keeps the word list readable; split once at import.
    """all and any as asc between both by case cast check collate column constraint create
    cross current_date current_time current_timestamp current_user default delete desc
    distinct drop else end except exists false fetch for foreign from full grant group having
    in index inner insert intersect into is join key leading left like limit natural not null
    offset on or order outer primary references returning right select session_user set some
    table then to trailing true union unique update user using values when where with""".split()  # noqa: SIM905
)


def snake(text: str) -> str:
    """`BlogPost`, `blog-post` and `blog post` all become `blog_post`."""
    return "_".join(w.lower() for w in _WORDS.findall(text))


def pascal(text: str) -> str:
    """`blog_post` becomes `BlogPost`."""
    return "".join(w.capitalize() for w in snake(text).split("_"))


def plural(word: str) -> str:
    """English plural of a singular word: `box` -> `boxes`, `category` -> `categories`."""
    if word.endswith(_SAME_BOTH_WAYS):
        return word
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def singular(word: str) -> str:
    """English singular of a word: `boxes` -> `box`; a singular word is kept."""
    if word.endswith((*_SAME_BOTH_WAYS, "ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if re.search(r"(ss|us|is|x|z|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def check_identifier(kind: str, value: str) -> None:
    """Refuse names that are not snake_case identifiers, or are Python or SQL keywords."""
    if not _IDENTIFIER.match(value):
        raise InvalidNameError(
            kind=kind,
            value=value,
            reason="use lower-case ASCII letters, digits and '_', starting with a letter",
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise InvalidNameError(kind=kind, value=value, reason="it is a Python keyword")
    if value in SQL_RESERVED:
        raise InvalidNameError(kind=kind, value=value, reason="it is a reserved word in SQL")


@dataclass(frozen=True)
class ResourceNames:
    """Every spelling of one resource's name, computed once."""

    singular: str  # product_line: modules, variables
    plural: str  # product_lines: table, route prefix, router module
    pascal: str  # ProductLine: model and schema classes

    @property
    def path(self) -> str:
        """The URL segment, e.g. `product-lines`."""
        return self.plural.replace("_", "-")

    @property
    def title(self) -> str:
        """Human words, e.g. `product line`."""
        return self.singular.replace("_", " ")


def resource_names(text: str) -> ResourceNames:
    """Names for a resource typed as `ProductLine`, `product_line` or `product-lines`."""
    words = snake(text).split("_") if snake(text) else [""]
    one = "_".join([*words[:-1], singular(words[-1])])
    check_identifier("resource", one)
    many = "_".join([*words[:-1], plural(singular(words[-1]))])
    check_identifier("resource", many)
    return ResourceNames(singular=one, plural=many, pascal=pascal(one))
