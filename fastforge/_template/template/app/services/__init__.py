"""Business rules and data access: schemas in, ORM rows or schemas out, domain errors raised."""
