"""Tests for `config` (the top-level package)."""
