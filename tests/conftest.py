"""Shared fixtures: where the reference data lives, and the packaged rule book."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from maplepath.rulebook import book as rulebook

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
EXAMPLES = HERE.parent / "examples"
# ../shared/data beside the checkout: reference copies of official data (see its PROVENANCE.md).
SHARED_DATA = HERE.parents[1] / "shared" / "data"
TOOLS = HERE.parent / "tools"
BENCHMARKS = HERE.parent / "benchmarks"


def load_tool(name: str) -> ModuleType:
    """The script ``tools/<name>.py`` as a module (registered by name: dataclasses look their
    module up)."""
    return _load_script(name, TOOLS / f"{name}.py", register=True)


def load_bench(name: str) -> ModuleType:
    """The benchmark ``benchmarks/<name>.py`` as a module, run afresh at each call (not
    registered: ``benchmarks/run.py`` is no module ``run`` of the tests)."""
    return _load_script(f"benchmarks_{name}", BENCHMARKS / f"{name}.py", register=False)


def _load_script(name: str, path: Path, register: bool) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    if register:
        sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session", autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never write to the real user data directory (rule cache, imported indexes)."""
    path = tmp_path_factory.mktemp("maplepath-data")
    before = os.environ.get("MAPLEPATH_DATA_DIR")
    os.environ["MAPLEPATH_DATA_DIR"] = str(path)
    yield path
    if before is None:
        os.environ.pop("MAPLEPATH_DATA_DIR", None)
    else:
        os.environ["MAPLEPATH_DATA_DIR"] = before


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("needs ../shared/data (reference data) beside the checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def book() -> rulebook.RuleBook:
    return rulebook.default()
