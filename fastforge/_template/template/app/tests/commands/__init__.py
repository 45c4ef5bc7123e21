"""Tests for `app.commands`."""
