"""Settings validation."""

from typing import Any

import pytest
from pydantic import ValidationError

from config.settings import Settings

VALID_SECRET = "0123456789abcdef" * 4


def make_settings(**overrides: Any) -> Settings:
    """Build settings from `overrides` alone, ignoring any .env file."""
    values: dict[str, Any] = {"secret_key": VALID_SECRET, **overrides}
    return Settings(_env_file=None, **values)


def test_valid_settings_keep_the_secret_hidden() -> None:
    settings = make_settings()

    assert settings.secret_key.get_secret_value() == VALID_SECRET
    assert VALID_SECRET not in repr(settings)


def test_secret_key_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)

    with pytest.raises(ValidationError, match="secret_key"):
        Settings(_env_file=None)


def test_short_secret_key_is_rejected() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters, not 9"):
        make_settings(secret_key="too-short")


def test_placeholder_secret_key_is_rejected() -> None:
    with pytest.raises(ValidationError, match=r"\.env\.example placeholder"):
        make_settings(secret_key="change-me-to-a-64-char-random-string")


def test_wildcard_cors_origin_is_rejected() -> None:
    with pytest.raises(ValidationError, match="not '\\*'"):
        make_settings(cors_origins=["*"])


@pytest.mark.parametrize("origin", ["localhost:3000", "https://app.example.com/", "ftp://x.y"])
def test_malformed_cors_origin_is_rejected(origin: str) -> None:
    with pytest.raises(ValidationError, match="is not an origin"):
        make_settings(cors_origins=[origin])


def test_cors_origins_are_read_from_a_json_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", '["https://app.example.com"]')

    assert make_settings().cors_origins == ["https://app.example.com"]


def test_debug_is_refused_in_production() -> None:
    with pytest.raises(ValidationError, match="DEBUG=true is not allowed"):
        make_settings(environment="production", debug=True)


def test_log_level_is_case_insensitive() -> None:
    assert make_settings(log_level="debug").log_level == "DEBUG"
