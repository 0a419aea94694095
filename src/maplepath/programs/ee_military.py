"""Express Entry's skilled military recruits category (from 2026-02-18): the conditions besides
work experience in one of its Canadian Armed Forces occupations.

IRCC's category page (crawled 2026-09-24) asks for three things, each a key of the rule
``programs.ee_category.military.recruitment``:

- an offer from the Canadian Forces Recruiting Group of continuous full-time work in Canada for
  at least three years, in one of the category's occupations (``caf_job_offer``,
  ``offer_min_years``): read from the profile's job offers (an open-ended offer lasts long
  enough);
- at least ten years of continuous service in a recognized foreign military
  (``foreign_military_service``, ``min_service_years``): the profile does not record military
  service, so this stays unknown and the category is never better than unknown;
- a post-secondary credential of two years or more, assessed by an ECA if obtained abroad
  (``education_levels``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from maplepath.i18n import say
from maplepath.profile.model import JobOffer, Profile
from maplepath.programs import common
from maplepath.programs.verdict import Criterion, Finding, and3, criterion, or3
from maplepath.rulebook.book import RuleBook

R = "programs.ee_category."


def recruit(cid: str, profile: Profile, on: date, book: RuleBook) -> Criterion:
    """The military recruitment criterion: the offer, the service and the credential, joined."""
    rule_id, listed_rule = f"{R}{cid}.recruitment", f"{R}{cid}.occupations"
    asks: Mapping[str, Any] = book.value(rule_id, on)
    listed: Mapping[str, str] = book.value(listed_rule, on)
    parts: list[Finding] = []
    offer: Finding | None = None
    if asks.get("caf_job_offer"):
        offer = _offer(profile.job_offers, listed, int(asks.get("offer_min_years") or 0))
        parts.append(offer)
    if asks.get("foreign_military_service"):
        years = asks.get("min_service_years")
        if years:
            text = say(
                "%(years)s years of continuous service in a recognized foreign military: not in "
                "the profile",
                years=years,
            )
        else:
            text = say("service in a recognized foreign military: not in the profile")
        parts.append(Finding(None, text))
    if asks.get("education_levels"):
        parts.append(_credential(profile, on, book, set(asks["education_levels"])))
    value = and3(*(p.value for p in parts))
    needs = [n for p in parts if p.value is None for n in p.needs]
    f = Finding(value, "; ".join(p.detail for p in parts), tuple(needs))
    # Timeless only when the offer fails it: the offers' codes, terms and the list decide, not
    # the date; a credential may still be completed or assessed later.
    timeless = offer is not None and offer.value is False
    return criterion("military_recruitment", f, (rule_id, listed_rule), timeless)


def _lasts(o: JobOffer, years: int) -> bool | None:
    """Whether the offer runs at least ``years`` (an open-ended offer does)."""
    if o.end is None:
        return True
    if o.start is None:
        return None
    return o.end >= common.shift(o.start, years=years) - timedelta(days=1)


def _offer(offers: list[JobOffer], listed: Mapping[str, str], years: int) -> Finding:
    if not offers:
        return Finding(
            None,
            say("not known whether there is a Canadian Armed Forces job offer"),
            ("job_offers",),
        )
    answers: list[bool | None] = []
    needs: list[str] = []
    for i, o in enumerate(offers):
        # each check under the field that settles it when unknown (the length: the start)
        checks = {
            "noc": None if o.noc is None else o.noc in listed,
            "full_time": None if o.full_time is None else bool(o.full_time),
            "start": _lasts(o, years) if years else True,
        }
        answers.append(and3(*checks.values()))
        needs += [f"job_offers[{i}].{k}" for k, v in checks.items() if v is None]
    value = or3(answers)
    if value:
        text = say(
            "a Canadian Armed Forces job offer, full time for %(years)s years or more", years=years
        )
    elif value is False:
        text = say(
            "no Canadian Armed Forces job offer of full-time work for %(years)s years or more",
            years=years,
        )
    else:
        text = say("not known whether there is a Canadian Armed Forces job offer")
    return Finding(value, text, tuple(needs) if value is None else ())


def _credential(profile: Profile, on: date, book: RuleBook, levels: set[str]) -> Finding:
    """A post-secondary credential of two years or more, Canadian or with a valid ECA."""
    if not profile.education:
        return Finding(None, say("no education given"), ("education",))
    answers: list[bool | None] = []
    needs: list[str] = []
    reads = common.read_education(profile, on, book)
    for i, (c, read) in enumerate(zip(profile.education, reads, strict=True)):
        lv = common.level(c)
        high = None if lv is None else lv in levels
        answers.append(and3(high, read.value))
        if high is None:
            needs.append(f"education[{i}].level")
        if high is not False:
            needs += read.needs
    value = or3(answers)
    if value:
        text = say("a post-secondary credential of two years or more")
    elif value is False:
        text = say("no post-secondary credential of two years or more (Canadian or assessed)")
    else:
        text = say("a post-secondary credential of two years or more: unclear")
    return Finding(value, text, tuple(needs) if value is None else ())
