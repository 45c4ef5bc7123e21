"""A missing service skips, unless CI requires it."""

from __future__ import annotations

import pytest

from tests.services import Service, require

NOWHERE = Service("Nothing", "127.0.0.1", 9)  # discard port: nothing listens here


def test_unreachable_service_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FASTFORGE_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"Nothing is not reachable at 127\.0\.0\.1:9"):
        require(NOWHERE)


def test_unreachable_service_fails_when_services_are_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FASTFORGE_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="FASTFORGE_REQUIRE_SERVICES=1"):
        require(NOWHERE)
