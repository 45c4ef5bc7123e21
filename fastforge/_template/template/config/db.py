"""Database connection: none, because no database was chosen when this project was generated.

Generating the project with a database fills this module with the engine, the session factory
and the `get_session` dependency.
"""
