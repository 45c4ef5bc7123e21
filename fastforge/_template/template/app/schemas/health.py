"""Response body of the health probe."""

from typing import Literal

from pydantic import BaseModel, Field

CheckResult = Literal["ok", "error"]


class HealthRead(BaseModel):
    """Overall status plus one result per dependency, such as a database or a broker."""

    status: CheckResult
    checks: dict[str, CheckResult] = Field(default_factory=dict)
    details: dict[str, str] = Field(
        default_factory=dict, description="Why a failed check failed, when that is safe to tell"
    )
