"""Scripts fastforge runs inside a generated project, with the project's own Python."""
