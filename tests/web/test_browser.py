"""Journeys in a real headless Chromium: a single applicant answers the questionnaire, a couple
uploads their profile, bad answers come back beside their fields, and the keyboard alone gets
through the form. Totals are checked against the CLI on the same facts. Screenshots go to
``MAPLEPATH_SCREENSHOTS`` when it is set (``make screenshots`` writes docs/img/)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from maplepath import programs
from maplepath.web import form

from ..conftest import EXAMPLES
from .browser import browser, served
from .test_routes import ANSWERS, _cli_total


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[Any, str]]:
    with served() as url, browser() as b:
        yield b, url


def _shot(page: Any, name: str, tmp_path: Path) -> None:
    docs = os.environ.get("MAPLEPATH_SCREENSHOTS")  # docs/img: the first screen, not the page
    folder = Path(docs or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=not docs)
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one


def _page(site: tuple[Any, str], width: int = 1280) -> Any:
    b, _ = site
    return b.new_page(viewport={"width": width, "height": 900})


def _reveal(page: Any, name: str) -> Any:
    """The input ``name``, reached as a person would: Next, section after section (the
    questionnaire shows one at a time)."""
    field = page.locator(f'[name="{name}"]')
    for _ in range(12):
        if field.is_visible():
            return field
        page.get_by_role("button", name="Next").click()
    raise AssertionError(f"{name} never appeared")


def _fill(page: Any, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        field = _reveal(page, name)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def _upload(page: Any, name: str) -> None:
    """Send an example profile from the form, assessed on 2026-11-21, as a user would."""
    page.locator('[name="on"]').fill("2026-11-21")
    page.set_input_files("#f-profile", str(EXAMPLES / name))
    page.get_by_role("button", name="See my routes").click()


def test_a_single_applicant_answers_and_gets_the_cli_s_total(
    site: tuple[Any, str], tmp_path: Path
) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    assert page.title().startswith("Your assessment")
    _shot(page, "web_assess_en_desktop", tmp_path)
    # Labelled inputs: the questions are found by their labels, as a screen reader reads them.
    assert "Step 1 of 8" in page.locator("[data-progress]").inner_text()
    page.locator('[name="on"]').fill(ANSWERS["on"])
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Date of birth", exact=True).fill(ANSWERS["birth_date"])
    _fill(page, {k: v for k, v in ANSWERS.items() if k not in ("on", "birth_date")})
    # A credential from Canada needs no ECA: its questions are not asked.
    assert not page.locator('[name="education.0.eca.issuer"]').is_visible()
    page.get_by_role("button", name="See my routes").click()
    page.wait_for_selector("[data-crs-total]")
    total = int(page.locator("[data-crs-total]").get_attribute("data-crs-total"))
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump(form.to_document(ANSWERS)))
    assert total == _cli_total(profile, "2026-11-21")
    assert page.locator('[data-program="cec"]').get_attribute("data-verdict") == "eligible"
    assert page.locator("[data-program]").count() == len(programs.REGISTRY)
    _shot(page, "web_results_en_desktop", tmp_path)
    page.set_viewport_size({"width": 360, "height": 800})
    _shot(page, "web_results_en_360", tmp_path)
    # Nothing wider than the phone's screen but the scrolling table.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_couple_uploads_their_profile(site: tuple[Any, str], tmp_path: Path) -> None:
    page = _page(site, 360)
    page.goto(site[1] + "/assess")
    _shot(page, "web_assess_en_360", tmp_path)
    path = EXAMPLES / "couple_spouse_stronger.yaml"
    page.locator('[name="on"]').fill("2026-11-21")
    page.set_input_files("#f-profile", str(path))
    page.get_by_role("button", name="See my routes").click()
    page.wait_for_selector("[data-crs-total]")
    total = int(page.locator("[data-crs-total]").get_attribute("data-crs-total"))
    assert total == _cli_total(path, "2026-11-21")


def test_bad_answers_come_back_beside_their_fields(site: tuple[Any, str], tmp_path: Path) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    _reveal(page, "citizenships.0").fill("Indai")
    _reveal(page, "work.0.hours_per_week").fill("500")
    page.get_by_role("button", name="See my routes").click()
    # Back with problems, the page opens at the first section that has one.
    assert page.locator('[name="citizenships.0"]').is_visible()
    page.get_by_role("button", name="Show all questions").click()
    error = page.locator("#f-work-0-hours_per_week-err")
    assert "less than or equal to 168" in error.inner_text()
    assert page.locator('[name="work.0.hours_per_week"]').get_attribute("aria-invalid") == "true"
    assert "'Indai' is not a two-letter ISO country code" in page.content()
    _shot(page, "web_assess_errors_en_desktop", tmp_path)


def test_the_keyboard_alone_reaches_every_question_and_submits(site: tuple[Any, str]) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    seen: set[str] = set()
    focus = "document.activeElement.name || document.activeElement.textContent.trim()"
    for _ in range(20 * len(form.field_names())):  # a date input takes a Tab per part
        page.keyboard.press("Tab")
        name = str(page.evaluate(focus))
        seen.add(name)
        if name in ("Next", "Add another"):
            page.keyboard.press("Enter")  # the next section, or the next slot of a list
        if name == "See my routes" and not page.get_by_role("button", name="Next").is_visible():
            break
    # Every question of every section, the partner's excepted (no marital status yet).
    assert {n for n in form.field_names() if not n.startswith("spouse.")} <= seen
    assert not {n for n in seen if n.startswith("spouse.")}
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-crs-total]")  # nothing answered: a score of the facts given


def test_the_partner_questions_appear_for_a_married_person(site: tuple[Any, str]) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    page.get_by_role("button", name="Next").click()
    progress = page.locator("[data-progress]")
    assert "of 8" in progress.inner_text()
    page.get_by_label("Marital status").select_option("married")
    assert "of 9" in progress.inner_text()  # the partner's section joins the steps
    page.get_by_role("button", name="Next").click()
    assert page.locator("fieldset.partner").is_visible()
    page.get_by_role("button", name="Back").click()
    page.get_by_label("Marital status").select_option("divorced")
    assert "of 8" in progress.inner_text()
    page.get_by_role("button", name="Show all questions").click()
    assert not page.locator("fieldset.partner").is_visible()


def test_the_clb_levels_appear_as_the_scores_are_typed(
    site: tuple[Any, str], tmp_path: Path
) -> None:
    # htmx, vendored, under the page's CSP: the line under the test fills in live.
    page = _page(site)
    page.goto(site[1] + "/assess")
    _fill(page, {k: v for k, v in ANSWERS.items() if k.startswith("language_tests.0.")})
    line = page.locator("#clb-language_tests-0")
    line.filter(has_text="speaking CLB 10").wait_for(timeout=5000)
    assert "listening CLB 10, reading CLB 10, writing CLB 9" in line.inner_text()
    _reveal(page, "language_tests.0.scores.listening").fill("5")
    line.filter(has_text="listening CLB 5").wait_for(timeout=5000)
    page.locator("#clb-language_tests-0").scroll_into_view_if_needed()
    _shot(page, "web_assess_clb_en_desktop", tmp_path)


def test_noc_codes_are_suggested_as_the_job_title_is_typed(site: tuple[Any, str]) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    _reveal(page, "work.0.title").fill("data scientist")
    box = page.locator("#noc-work-0")
    box.filter(has_text="21211").wait_for(timeout=5000)
    assert "Data scientists" in box.inner_text()


def test_the_printable_report_downloads_as_a_pdf(site: tuple[Any, str], tmp_path: Path) -> None:
    import subprocess

    page = _page(site)
    page.goto(site[1] + "/assess")
    page.set_input_files("#f-profile", str(EXAMPLES / "software_engineer_abroad.yaml"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Printable report (PDF)").click()
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True)
    assert sorted(tmp_path.glob("p-*.png"))


def test_from_the_results_to_the_plan(site: tuple[Any, str], tmp_path: Path) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    _upload(page, "data_scientist_pgwp.yaml")
    page.get_by_role("button", name="See my plan").click()
    page.wait_for_selector("img.chart")
    assert page.locator("img.chart").evaluate("i => i.complete && i.naturalWidth > 0")
    assert page.locator("[data-plan]").count() >= 1
    _shot(page, "web_plan_en_desktop", tmp_path)


def test_the_plan_reads_the_odds_and_how_far_recent_rounds_misled(
    site: tuple[Any, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maplepath.draws import import_rounds

    from ..draws import reference_file

    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path / "data"))
    import_rounds(reference_file())
    page = _page(site)
    page.goto(site[1] + "/assess")
    _upload(page, "data_scientist_pgwp.yaml")
    page.get_by_role("button", name="See my plan").click()
    page.wait_for_selector("tr[data-draw]")
    bias = page.locator("ul.bias li")
    assert bias.count() >= 2
    assert any(t.startswith("cec: predicted") for t in bias.all_inner_texts())
    page.locator("ul.bias").scroll_into_view_if_needed()
    _shot(page, "web_plan_odds_en_desktop", tmp_path)


def test_what_if_updates_live(site: tuple[Any, str], tmp_path: Path) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    _upload(page, "couple_spouse_stronger.yaml")
    page.locator('[name="whatif.swap"]').select_option("swap")
    result = page.locator("[data-whatif-total]")
    result.wait_for(timeout=5000)
    assert int(result.get_attribute("data-whatif-total")) > int(
        page.locator("[data-crs-total]").get_attribute("data-crs-total")
    )
    page.locator("#whatif-h").scroll_into_view_if_needed()
    _shot(page, "web_whatif_en_desktop", tmp_path)


def test_a_francophone_switches_to_french_and_gets_the_same_score(
    site: tuple[Any, str], tmp_path: Path
) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    page.get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr-CA"
    assert page.locator("h1").inner_text() == "Votre évaluation"
    _shot(page, "web_assess_fr_desktop", tmp_path)
    page.get_by_label("Évaluer au").fill("2026-11-21")
    page.set_input_files("#f-profile", str(EXAMPLES / "francophone_engineer.yaml"))
    page.get_by_role("button", name="Voir mes voies").click()
    total = int(page.locator("[data-crs-total]").get_attribute("data-crs-total"))
    assert total == _cli_total(EXAMPLES / "francophone_engineer.yaml", "2026-11-21")
    assert "Système de classement global" in page.content()
    page.set_viewport_size({"width": 360, "height": 800})
    _shot(page, "web_results_fr_360", tmp_path)
    page.get_by_role("link", name="English").click()  # and back
    assert page.locator("h1").inner_text() == "Your assessment"


def test_jobs_are_added_and_removed_and_an_eca_is_asked_of_foreign_credentials(
    site: tuple[Any, str],
) -> None:
    page = _page(site)
    page.goto(site[1] + "/assess")
    _reveal(page, "education.0.country").fill("IN")
    assert page.locator('[name="education.0.eca.issuer"]').is_visible()
    page.locator('[name="education.0.country"]').fill("CA")
    assert not page.locator('[name="education.0.eca.issuer"]').is_visible()
    second = page.locator('[name="work.1.title"]')
    _reveal(page, "work.0.title").fill("software developer")
    assert not second.is_visible()
    page.locator("fieldset", has=second).get_by_role("button", name="Add another").click()
    assert second.is_visible()
    second.fill("web developer")
    page.locator(".slot-block", has=second).get_by_role("button", name="Remove").click()
    assert not second.is_visible()
    assert second.input_value() == ""  # removed: nothing of it is sent


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width", [1280, 360])
def test_every_main_page_reads_in_both_languages_at_both_widths(
    site: tuple[Any, str], tmp_path: Path, lang: str, width: int
) -> None:
    """The questionnaire, the results and the plan, in English and French, on a desktop and a
    360-pixel phone: nothing but the scrolling tables wider than the screen (docs/img has each)."""
    page = _page(site, width)
    page.goto(site[1] + f"/assess?lang={lang}")
    assert page.locator("html").get_attribute("lang") == f"{lang}-CA"
    size = "desktop" if width > 360 else "360"
    _shot(page, f"web_assess_{lang}_{size}", tmp_path)
    page.locator('[name="on"]').fill("2026-11-21")
    page.set_input_files("#f-profile", str(EXAMPLES / "data_scientist_pgwp.yaml"))
    page.locator("button[type=submit]").first.click()
    page.wait_for_selector("[data-crs-total]")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"web_results_{lang}_{size}", tmp_path)
    page.locator('form[action="/plan"] button').click()
    page.wait_for_selector("img.chart")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"web_plan_{lang}_{size}", tmp_path)
