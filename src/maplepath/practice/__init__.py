"""The practice: a consultant's clients in one database (``store``), with every profile version
kept and an append-only audit log. Built on the engine and ``report``; the CLI's ``practice``
commands and the web's practice pages are thin over it."""

from maplepath.practice.store import DB_FILE, PracticeError, Store

__all__ = ["DB_FILE", "PracticeError", "Store"]
