"""Tools that maintain this repository (README table, test matrix); not shipped in the wheel."""
