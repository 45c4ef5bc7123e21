"""Commands run from a terminal, each as `uv run python -m app.commands.NAME`."""
