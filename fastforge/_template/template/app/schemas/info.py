"""Response body describing the running service."""

from pydantic import BaseModel, ConfigDict


class InfoRead(BaseModel):
    """Name, version and environment of the running service."""

    model_config = ConfigDict(from_attributes=True)

    name: str
    version: str
    environment: str
