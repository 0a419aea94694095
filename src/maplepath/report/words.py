"""The words every terminal report shares: a verdict, a program's status, where a route leads,
and numbers as the language writes them (``3,000`` and ``45%`` in English, ``3 000`` and
``45 %`` in French). The values themselves (``eligible``, ``not_yet_open``, ``work_permit``)
stay English in the JSON, which programs read; these are what a person reads beside them."""

from __future__ import annotations

from maplepath.i18n import current, decimal, noop, word

VERDICTS = {
    "eligible": noop("eligible"),
    "ineligible": noop("ineligible"),
    "unknown": noop("unknown"),
}
# The English report has always printed the status value as it is (``not_yet_open``).
STATUSES = {
    "open": noop("open"),
    "paused": noop("paused"),
    "closed": noop("closed"),
    "not_yet_open": noop("not_yet_open"),
}
LEADS_TO = {
    "permanent_residence": noop("permanent residence"),
    "work_permit": noop("work permit"),
    "nomination": noop("nomination"),
}
_NBSP = "\u00a0"


def verdict(value: str) -> str:
    return word(VERDICTS.get(value, value))


def verdict_width() -> int:
    """The widest verdict word in the language in force (10 in English: "ineligible")."""
    return max(len(verdict(v)) for v in VERDICTS)


def status(value: str) -> str:
    return word(STATUSES.get(value, value))


def leads_to(value: str) -> str:
    return word(LEADS_TO.get(value, value.replace("_", " ")))


def number(value: object) -> str:
    """A count with its thousands marked: ``3,000`` / ``3 000``."""
    return decimal(f"{value:,}")


def general(value: object) -> str:
    """A number written as ``{value:g}`` is: ``7.5`` / ``7,5``."""
    return decimal(f"{value:g}")


def signed(value: float) -> str:
    """``+2.5`` / ``+2,5``."""
    return decimal(f"{value:+g}")


def percent(value: float) -> str:
    """A share, whole: ``45%`` / ``45 %``."""
    text = f"{value:.0%}"
    return text.replace("%", _NBSP + "%") if current() == "fr" else text
