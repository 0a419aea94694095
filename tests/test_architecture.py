"""The package's house plan, checked by walking every import of every module.

The layers, lowest first: ``rulebook`` -> ``occupations`` -> ``profile`` -> ``crs`` ->
``programs`` -> ``assess`` -> ``planner`` / ``draws`` -> ``report`` -> ``cli``. A module imports
from its own layer or below, never above, and no chain of imports comes back to where it
started. Every import counts: at the top of a module, inside a function, under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "maplepath"

# Lowest first; names on one line are siblings (neither may import the other).
LAYERS: list[tuple[str, ...]] = [
    ("datadir", "privacy", "i18n"),
    ("rulebook",),
    ("notices",),
    ("occupations",),
    ("profile",),
    ("crs",),
    ("batch",),  # the public name of crs.batch
    ("programs",),
    ("assess",),
    ("planner", "draws"),
    ("report",),
    ("practice",),
    ("web",),
    ("cli",),
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(dotted: str) -> str:
    """The deepest module of ours that ``dotted`` names (a module, or a name in one)."""
    while dotted not in MODULES and "." in dotted:
        dotted = dotted.rsplit(".", 1)[0]
    return dotted


def imports_of(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {_resolve(a.name) for a in node.names if a.name.startswith("maplepath")}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{module}: relative import (write maplepath.…)")
            if not node.module.startswith("maplepath"):
                continue
            for alias in node.names:
                found.add(_resolve(f"{node.module}.{alias.name}"))
    found.discard(module)
    found.discard("maplepath")
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_is_in_a_layer() -> None:
    areas = {_area(m) for m in MODULES} - {""}
    assert areas <= set(RANK), f"modules outside the plan: {sorted(areas - set(RANK))}"


def test_arrows_point_down_only() -> None:
    upward = [
        f"{m} -> {target}"
        for m, targets in GRAPH.items()
        if _area(m)
        for target in targets
        if _area(target) and _area(target) != _area(m) and RANK[_area(target)] >= RANK[_area(m)]
    ]
    assert upward == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles() -> None:
    assert _cycles() == []


def test_the_walk_sees_a_circle_when_there_is_one() -> None:
    GRAPH["maplepath.rulebook.book"].add("maplepath.crs.scalar")
    try:
        assert any("maplepath.rulebook.book" in c for c in _cycles())
    finally:
        GRAPH["maplepath.rulebook.book"].discard("maplepath.crs.scalar")


def test_the_top_of_the_package_stays_small() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 10, sorted(top)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_too_long_to_live_in(module: str) -> None:
    lines = MODULES[module].read_text().count("\n")
    assert lines <= 420, f"{module} has {lines} lines: split it along the domain"
