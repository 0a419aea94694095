"""The ``maplepath`` command."""

from maplepath.cli.main import main

__all__ = ["main"]
