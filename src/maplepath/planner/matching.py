"""Matching a document to a profile fact, and one document to another.

Documents are written by different hands: a passport prints "RAMAN PRIYA", a test report
"Priya Raman", a payslip "Priya R. Raman"; an employer is "Razorpay Software Pvt Ltd" in the
profile and "Razorpay Software Private Limited" on its letterhead. Names are compared without
accents, case, punctuation or word order (rapidfuzz's token ratios); employer names also
without the legal form (Ltd, Inc, GmbH ...).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from rapidfuzz import fuzz

# Legal forms and filler words that say nothing about which employer it is.
_LEGAL = frozenset(
    {"pvt", "private", "ltd", "limited", "inc", "incorporated", "llc", "llp", "corp"}
    | {"corporation", "co", "company", "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "pty"}
    | {"the", "and", "of"}
)
SAME_NAME = 90.0  # token-sort ratio at or above which two names are the same person
SAME_EMPLOYER = 85.0  # token-set ratio at or above which two employer names are one employer
A_MONTH = timedelta(days=31)


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation to spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", bare.casefold()).split())


def name_similarity(a: str, b: str) -> float:
    """0-100; word order and accents do not count ("RAMAN, Priya" = "Priya Raman")."""
    return float(fuzz.token_sort_ratio(fold(a), fold(b)))


def name_subset(a: str, b: str) -> bool:
    """One name is the other with words left out (a middle name on one document only)."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def employer_key(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in _LEGAL)


def same_employer(a: str | None, b: str | None) -> bool | None:
    """None when either name is missing."""
    if not a or not b:
        return None
    ka, kb = employer_key(a), employer_key(b)
    return float(fuzz.token_set_ratio(ka or fold(a), kb or fold(b))) >= SAME_EMPLOYER


def title_similarity(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(fold(a), fold(b)))


def overlap_days(s1: date, e1: date | None, s2: date, e2: date | None, on: date) -> int:
    """Days two periods share (an open end runs to ``on``)."""
    end = min(e1 or on, e2 or on)
    return max(0, (end - max(s1, s2)).days + 1)


def close_dates(a: date | None, b: date | None, tolerance: timedelta = A_MONTH) -> bool | None:
    if a is None or b is None:
        return None
    return abs(a - b) <= tolerance
