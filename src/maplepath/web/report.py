"""The printable report (POST /report.pdf): the results page, printed by WeasyPrint with the
stylesheet (its print rules hide the form and the navigation). Nothing is fetched while
printing (no network, as the pages' CSP says): the stylesheet is given, any address refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from maplepath.web import i18n

STYLESHEET = Path(__file__).parent / "static" / "maplepath.css"


def _nothing(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"not fetched while printing: {url}")


def html(
    templates: Jinja2Templates,
    context: dict[str, Any],
    disclaimer: str,
    template: str = "results.html",
    inline_css: bool = False,
) -> str:
    """The page as printed: no form, no script; with the stylesheet in it when asked (a
    report kept as one .html file)."""
    return templates.get_template(template).render(
        {
            "printing": True,
            "disclaimer": disclaimer,
            "csrf_token": "",
            "lang": i18n.current(),
            "html_lang": i18n.HTML_LANG[i18n.current()],
            "switch_url": "/assess",
            # Our own stylesheet, trusted: not escaped (a quote in it is CSS, not text).
            "inline_css": Markup(STYLESHEET.read_text(encoding="utf-8")) if inline_css else "",
            **context,
        }
    )


def pdf(
    templates: Jinja2Templates,
    context: dict[str, Any],
    disclaimer: str,
    template: str = "results.html",
) -> bytes:
    import weasyprint  # type: ignore[import-untyped]  # (no stubs published)

    page = html(templates, context, disclaimer, template)
    css = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"))
    doc = weasyprint.HTML(string=page, url_fetcher=_nothing)
    data: bytes = doc.write_pdf(stylesheets=[css])
    return data
