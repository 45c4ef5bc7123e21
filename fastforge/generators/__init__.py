"""Generators: turn a request (`add router items`) into a plan of file changes.

They read the project but never write to it; `fastforge.writer` applies the plan.
"""
