"""Small helpers that know nothing of routes or business rules."""
