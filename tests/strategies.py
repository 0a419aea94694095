"""Random but consistent profiles for property tests (hypothesis strategies): a person with
education, language results (English and sometimes French, sometimes French only), work in
Canada and abroad, maybe a partner with their own facts, a nomination, a sibling or a trade
certificate. Inconsistent draws (a degree finished before the age of 12) are rejected."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from maplepath.profile.load import ProfileError, validate_profile
from maplepath.profile.model import Profile

LEVELS = ("secondary", "one_year", "two_year", "bachelors", "masters", "professional", "doctoral")
ABILITIES = ("listening", "reading", "writing", "speaking")
PROVINCES = ("ON", "BC", "AB", "SK", "MB", "QC")
NOCS = ("21231", "21211", "21221", "20012", "22220", "72200", "64409", "13110")


def day(lo: date, hi: date) -> st.SearchStrategy[date]:
    return st.dates(lo, hi)


@st.composite
def scores(draw: st.DrawFn, test: str) -> dict[str, float | int]:
    if test == "ielts_general":
        return {a: draw(st.integers(6, 18)) / 2 for a in ABILITIES}
    if test == "celpip_general":
        return {a: draw(st.integers(3, 12)) for a in ABILITIES}
    # TCF Canada: listening and reading 0-699, writing and speaking 0-20.
    wide = st.integers(250, 699)
    return {
        "listening": draw(wide),
        "reading": draw(wide),
        "writing": draw(st.integers(2, 20)),
        "speaking": draw(st.integers(2, 20)),
    }


@st.composite
def results(draw: st.DrawFn) -> list[dict[str, Any]]:
    test = draw(st.sampled_from(["ielts_general", "celpip_general"]))
    out = [{"test": test, "date": draw(day(date(2023, 1, 1), date(2026, 10, 1)))}]
    if draw(st.integers(0, 2)) > 0:  # a French result for about two in three
        out.append({"test": "tcf_canada", "date": draw(day(date(2023, 1, 1), date(2026, 10, 1)))})
    for t in out:
        t["scores"] = draw(scores(t["test"]))
    if draw(st.integers(0, 5)) == 0:
        out = out[1:]  # French only
    return out


@st.composite
def credentials(draw: st.DrawFn, born: date) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 2))):
        level = draw(st.sampled_from(LEVELS))
        country = draw(st.sampled_from(["CA", "IN", "NG", "FR"]))
        done = born + timedelta(days=draw(st.integers(18 * 365, 31 * 365)))
        c: dict[str, Any] = {
            "level": level,
            "country": country,
            "completed": done,
            "program_years": draw(st.integers(1, 5)),
            "full_time": True,
        }
        if country != "CA" and draw(st.booleans()):
            issued = done + timedelta(days=draw(st.integers(30, 3000)))
            c["eca"] = {"issuer": "WES", "issued": issued, "level": level}
        out.append(c)
    return out


@st.composite
def jobs(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(day(date(2012, 1, 1), date(2026, 6, 1)))
        end = start + timedelta(days=draw(st.integers(60, 2400)))
        country = draw(st.sampled_from(["CA", "IN", "US"]))
        out.append(
            {
                "noc": draw(st.sampled_from(NOCS)),
                "country": country,
                "province": draw(st.sampled_from(PROVINCES)) if country == "CA" else None,
                "start": start,
                "end": None if end > date(2026, 11, 1) else end,
                "hours_per_week": draw(st.sampled_from([20, 30, 37.5, 40])),
                "authorized": True,
            }
        )
    return out


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    married = draw(st.sampled_from(["single", "married", "common_law"]))
    born = draw(day(date(1970, 1, 1), date(1995, 1, 1)))
    doc: dict[str, Any] = {
        "birth_date": born,
        "marital_status": married,
        "education": draw(credentials(born)),
        "language_tests": draw(results()),
        "work": draw(jobs()),
    }
    if married != "single":
        partner_born = draw(day(date(1970, 1, 1), date(1995, 1, 1)))
        doc["spouse"] = {
            "accompanying": draw(st.booleans()),
            "canadian_status": draw(st.sampled_from(["none", "citizen"])),
            "birth_date": partner_born,
            "education": draw(credentials(partner_born)),
            "language_tests": draw(results()),
            "work": draw(jobs()),
        }
    if draw(st.integers(0, 9)) == 0:
        issued = draw(day(date(2022, 1, 1), date(2026, 10, 1)))
        doc["nominations"] = [{"province": "ON", "issued": issued, "express_entry_aligned": True}]
    if draw(st.integers(0, 4)) == 0:
        doc["relatives_in_canada"] = [
            {"relation": "sibling", "status": "citizen", "birth_date": date(1985, 1, 1)}
        ]
    if draw(st.integers(0, 9)) == 0:
        doc["certificates_of_qualification"] = [{"trade_noc": "72200", "province": "ON"}]
    try:
        return validate_profile(doc).profile
    except ProfileError:  # an inconsistent draw (a degree finished before the age of 12...)
        reject()
