"""`python -m whimbrel` runs the console script."""

from whimbrel.cli.main import main

main()
