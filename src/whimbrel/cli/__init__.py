"""The command-line face: thin Typer commands over library functions."""
