"""Services: the business logic and the only code that reads or writes data. They take and
return plain Python values, know nothing about HTTP, and report failures by raising the
domain errors in `errors.py`, which controllers turn into HTTP responses."""
