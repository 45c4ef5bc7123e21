"""Template files for `fastforge add`: one folder per generator."""
