"""fastforge: generate FastAPI projects and grow them with generators."""

__version__ = "0.1.0"
