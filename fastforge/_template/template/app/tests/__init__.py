"""Tests: pytest suites mirroring the source tree, so `routes/health.py` is tested by
`tests/routes/test_health.py`. `conftest.py` builds the app with test settings and gives each
test a client that runs the lifespan, so the suite passes in a fresh clone without `.env`."""
