"""The test suite, mirroring the source tree; `conftest.py` builds the app to test."""
