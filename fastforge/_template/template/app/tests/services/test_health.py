"""Health checks."""

import asyncio

import pytest

from app.services import health
from app.services.health import CheckOutcome


def test_checks_report_pass_and_fail_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    async def passing() -> None:
        return None

    async def failing() -> None:
        raise TimeoutError("broker did not answer")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": passing, "broker": failing})

    assert asyncio.run(health.run_health_checks()) == {
        "database": CheckOutcome(passed=True),
        "broker": CheckOutcome(passed=False),
    }


def test_only_a_check_failed_error_tells_why(monkeypatch: pytest.MonkeyPatch) -> None:
    async def leaky() -> None:
        raise ConnectionError("password authentication failed for user admin")

    async def safe() -> None:
        raise health.CheckFailedError("3 migrations pending")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": leaky, "migrations": safe})

    assert asyncio.run(health.run_health_checks()) == {
        "database": CheckOutcome(passed=False),
        "migrations": CheckOutcome(passed=False, detail="3 migrations pending"),
    }


def test_probes_that_arrive_together_share_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[None] = []

    async def slow() -> None:
        runs.append(None)
        await asyncio.sleep(0.05)

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": slow})
    shared = health.SharedHealthChecks(max_age=60)

    async def probe_three_times() -> list[dict[str, CheckOutcome]]:
        together = await asyncio.gather(*(shared.results() for _ in range(3)))
        return [*together, await shared.results()]

    outcomes = asyncio.run(probe_three_times())

    assert outcomes == [{"database": CheckOutcome(passed=True)}] * 4
    assert len(runs) == 1


def test_results_older_than_max_age_are_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = iter([None, health.CheckFailedError("the disk is full")])

    async def changing() -> None:
        failure = next(outcomes)
        if failure is not None:
            raise failure

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"disk": changing})
    shared = health.SharedHealthChecks(max_age=0)

    async def probe_twice() -> list[dict[str, CheckOutcome]]:
        return [await shared.results(), await shared.results()]

    assert asyncio.run(probe_twice()) == [
        {"disk": CheckOutcome(passed=True)},
        {"disk": CheckOutcome(passed=False, detail="the disk is full")},
    ]
