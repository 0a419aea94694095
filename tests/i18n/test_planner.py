"""The planner in French: the what-if actions, the timeline and its calendar, the trajectory
and its chart, the case review, checklist and assumptions, the evidence errors and rechecks.
The same ids, statuses and dates; the sentences said in French; English unchanged after."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from maplepath import i18n
from maplepath.assess import assess
from maplepath.planner import (
    actions,
    assumptions,
    case,
    chart,
    checklist,
    consistency,
    evidence,
    recheck,
    snapshot,
    timeline,
    trajectory,
)
from maplepath.planner.ics import to_ics
from maplepath.profile.load import load_profile, read_profile
from maplepath.profile.model import Profile
from maplepath.rulebook import book as rulebook

from ..conftest import EXAMPLES, FIXTURES

ON = date(2026, 11, 22)
NBSP = "\u00a0"
PLANTED = FIXTURES / "cases" / "planted"


def load(name: str) -> Profile:
    return read_profile(EXAMPLES / f"{name}.yaml").profile


def titles(profile: Profile) -> dict[str, str]:
    return {a.id: a.title for a in actions.catalogue(profile, ON)}


def test_action_titles_are_french_with_the_same_ids() -> None:
    couple = load("couple_spouse_stronger")
    english = titles(couple)
    i18n.use("fr")
    try:
        french = titles(couple)
    finally:
        i18n.use("en")
    assert french.keys() == english.keys()
    retake = "spouse:french:L9-R7-W7-S7"
    assert english[retake] == "spouse: retake TEF Canada for NCLC L9 R7 W7 S7"
    assert french[retake] == (
        "époux ou conjoint de fait : repasser TEF Canada pour NCLC CO9 CE7 EE7 EO7"
    )
    renew = "applicant:english:renew-L7-R8-W8-S9"
    assert english[renew] == "renew IELTS General Training for CLB L7 R8 W8 S9"
    assert french[renew] == "renouveler IELTS General Training pour NCLC CO7 CE8 EE8 EO9"
    # Every title is said in French, none left in English.
    assert all(french[k] != english[k] for k in english)
    assert titles(couple) == english  # English again after French


def test_wait_eca_credential_and_swap_actions_in_french(french: None) -> None:
    said = titles(load("couple_spouse_stronger")) | titles(load("data_scientist_pgwp"))
    assert said["wait:2027-05-30"] == (
        "attendre jusqu'au 2027-05-30, où comptent 3 ans au Canada et 0 an à l'étranger"
    )
    assert said["applicant:eca:0"] == "EDE (WES) pour bachelors (education[0])"
    assert said["applicant:credential"] == "suivre un programme postsecondaire d'un an au Canada"
    assert said["swap"] == "faire de l'époux ou conjoint de fait le demandeur principal"


def test_the_timeline_in_french_keeps_its_ids_and_dates() -> None:
    couple = load("couple_spouse_stronger")
    english = timeline.timeline(couple, ON)
    i18n.use("fr")
    try:
        french = timeline.timeline(couple, ON)
        ics = to_ics(french).decode()
    finally:
        i18n.use("en")
    assert [(s.id, s.start, s.end) for s in french.steps] == [
        (s.id, s.start, s.end) for s in english.steps
    ]
    steps = {s.id: s for s in french.steps}
    assert steps["fee_payment"].title == "Payer les frais de la demande"
    assert steps["fee_payment"].detail == f"3{NBSP}350{NBSP}$ CA"
    assert {s.id: s for s in english.steps}["fee_payment"].detail == "$3,350 CAD"
    due = {d.id: d.due for d in french.deadlines}["ita_submission"]
    assert steps["police_certificates"].detail == (
        f"60 jours (14 à 120) ; au plus long, se termine après le {due} : à commencer en premier"
    )
    deadlines = {d.id: d.title for d in french.deadlines}
    assert deadlines["profile_expires"] == "Le profil Entrée express expire sans invitation"
    assert "SUMMARY:Échéance : Le profil Entrée express expire sans invitation" in ics
    assert "(règles : planner.steps.durations)" in ics


def test_a_route_the_timeline_does_not_cover_is_refused_in_french(french: None) -> None:
    with pytest.raises(timeline.TimelineError, match="le calendrier couvre les programmes"):
        timeline.timeline(load("couple_spouse_stronger"), ON, pathway="gts_b")


def test_trajectory_events_and_chart_labels_in_french() -> None:
    couple = load("couple_spouse_stronger")
    english = trajectory.trajectory(couple, ON, 24)
    i18n.use("fr")
    try:
        french = trajectory.trajectory(couple, ON, 24)
        marks = dict(chart._event_marks(french))
    finally:
        i18n.use("en")
    assert [(e.on, e.kind) for e in french.events] == [(e.on, e.kind) for e in english.events]
    birthday = next(e for e in french.events if e.kind == "birthday")
    assert birthday.text.startswith("a 37 ans (SCG : ")
    assert next(e for e in english.events if e.kind == "birthday").text.startswith(
        "turns 37 (CRS: "
    )
    spouse = [e.text for e in french.events if e.kind == "language_expiry"]
    assert any("de l'époux ou conjoint de fait expire" in t for t in spouse)
    fsw = next(e for e in french.events if e.kind == "program" and e.text.startswith("fsw"))
    assert fsw.text.startswith("fsw : ")
    assert marks[birthday.on] == "a 37 ans"
    assert "fin du résultat de test" in marks.values()


def _planted() -> tuple[Profile, list[evidence.Document]]:
    profile = load_profile(PLANTED / "profile.yaml")
    return profile, evidence.load_documents(PLANTED, profile)


def test_the_case_review_in_french_finds_the_same_contradictions() -> None:
    profile, docs = _planted()
    english = consistency.review(profile, docs, ON)
    i18n.use("fr")
    try:
        french = consistency.review(profile, docs, ON)
    finally:
        i18n.use("en")
    assert [(f.kind, f.severity, f.documents) for f in french] == [
        (f.kind, f.severity, f.documents) for f in english
    ]
    said = {f.kind: f for f in french}
    assert said["language_scores"].detail == (
        "IELTS General Training du 2025-08-09 : le rapport et le profil diffèrent pour "
        "expression écrite 6,5 contre 7,5 (rapport contre profil)"
    )
    assert said["language_scores"].why.startswith("IRCC vérifie les résultats")
    assert (
        said["funds"].detail
        == f"funds indique 18{NBSP}000{NBSP}$ ; le profil déclare 30{NBSP}000{NBSP}$"
    )
    assert said["wage"].detail.endswith("(écart de 50 %)")
    assert said["employment_gap"].why.startswith("l'historique personnel")
    assert {f.kind: f for f in english}["funds"].detail == (
        "funds shows $18,000; the profile claims $30,000"
    )


def test_assumptions_and_checklist_in_french(french: None) -> None:
    profile, docs = _planted()
    c = assumptions.confirm(profile, docs, ON)
    why = {a.path: a.why for a in c.assumptions()}
    assert why["language_tests[0]"] == "ielts : expression écrite 6,5, et non 7,5"
    what = {a.path: a.what for a in c.assumptions()}
    assert what["work[1]"].endswith("chez Flutterwave, de 2020-09-01 à aujourd'hui")
    items = checklist.checklist(profile, docs, ["fsw"], ON)
    tests = next(i for i in items if i.item == "language_test_result")
    assert tests.status == "missing"
    assert tests.need == "Résultat de test linguistique : IELTS General Training du 2025-08-09"
    assert tests.detail == "ielts ne concorde pas avec le profil (voir maplepath case review)"


def test_evidence_errors_and_kinds_in_french(french: None) -> None:
    with pytest.raises(evidence.EvidenceError) as caught:
        evidence.parse_document({"kind": "selfie"}, "x", "evidence/x.yaml")
    assert str(caught.value).startswith(
        "evidence/x.yaml : kind: 'selfie' n'est pas un type de document ("
    )
    with pytest.raises(evidence.EvidenceError, match="champ inconnu"):
        evidence.parse_document(
            {"kind": "passport", "fields": {"nam": "X"}}, "x", "evidence/x.yaml"
        )
    doc = evidence.parse_document({"kind": "study_permit"}, "x", "evidence/x.yaml")
    assert doc.title == "permis d'études canadien"


def test_a_case_folder_and_its_recheck_in_french(
    tmp_path: Path, book: rulebook.RuleBook, french: None
) -> None:
    root = case.init(tmp_path / "case", EXAMPLES / "data_scientist_pgwp.yaml")
    assert (root / "evidence" / "README.txt").read_text().startswith("Un fichier YAML par document")
    with pytest.raises(case.CaseError, match="un cas n'est jamais écrasé"):
        case.init(root, EXAMPLES / "data_scientist_pgwp.yaml")
    profile_path = case.profile_file(root)
    first = assess(load_profile(profile_path), date(2027, 6, 1), (), book)
    before = snapshot.load(
        snapshot.save(root, first, profile_path, datetime(2026, 11, 22, 10, 0), book)
    )
    now = assess(load_profile(profile_path), date(2027, 7, 1), (), book)
    r = recheck.recheck(before, now, "edited", book)
    lines = [d for d in r.differences if d.what == "crs line"]
    assert lines and all(d.why == "le profil a été modifié depuis l'instantané" for d in lines)
    same = recheck.recheck(before, now, snapshot.profile_hash(profile_path), book)
    assert any(d.why.startswith("mêmes règles ; le temps a passé") for d in same.differences)


def test_english_is_unchanged_after_french(french: None) -> None:
    i18n.use("en")
    couple = load("couple_spouse_stronger")
    tl = timeline.timeline(couple, ON)
    assert {s.id: s.title for s in tl.steps}["fee_payment"] == "Pay the application fees"
    profile, docs = _planted()
    why = {a.path: a.why for a in assumptions.confirm(profile, docs, ON).assumptions()}
    assert why["language_tests[0]"] == "ielts writing 6.5, not 7.5"
