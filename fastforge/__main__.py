"""Allow `python -m fastforge`."""

from fastforge.cli import main

main()
