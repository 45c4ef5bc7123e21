"""Tests for `app.controllers`."""
