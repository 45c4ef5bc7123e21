"""Models: the ORM classes that map database tables. There are none yet, because no database
was chosen when this project was generated; choosing one adds the declarative base here and
one module per table, which only the services read and write."""
