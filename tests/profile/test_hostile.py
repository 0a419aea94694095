"""Documents built to break the parser are refused with one clear message, fast (issue 14,
input limits): keys that are lists, alias bombs, nesting thousands deep, in YAML and JSON."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from maplepath.profile.load import ProfileError, load_profile
from maplepath.rulebook.rulefile import MAX_ALIASES, MAX_DEPTH, load_yaml, nesting_depth

from ..cli_helpers import fails


def _laughs(levels: int) -> str:
    lines = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for i in range(1, levels):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


CASES = {
    "list as key.yaml": ("? [a]\n: 1\n", "a key must be a plain word or number"),
    "mapping as key.yaml": ("? {a: 1}\n: 1\n", "a key must be a plain word or number"),
    "billion laughs.yaml": (_laughs(9), f"more than {MAX_ALIASES} aliases"),
    "deep.yaml": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nest"),  # libyaml may say it first
    "forty levels.yaml": ("a: " + "[" * 40 + "]" * 40 + "\n", f"more than {MAX_DEPTH} levels"),
    "deep.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "deep mapping.json": ('{"a":' * 40 + "1" + "}" * 40, f"more than {MAX_DEPTH} levels"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_document_is_one_clear_message(tmp_path: Path, name: str) -> None:
    text, message = CASES[name]
    path = tmp_path / name
    path.write_text(text)
    started = time.perf_counter()
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert message in str(caught.value)
    assert time.perf_counter() - started < 5
    out = fails("profile", "check", str(path))
    assert message in out


def test_a_few_levels_and_scalar_keys_still_load() -> None:
    assert load_yaml("a: {1: [x, {b: 2}]}\n7: 8\n") == {"a": {1: ["x", {"b": 2}]}, 7: 8}
    assert load_yaml("a: &x 1\nb: *x\n") == {"a": 1, "b": 1}  # a few aliases are fine


def test_nesting_depth_counts_without_recursing() -> None:
    deep: list[object] = []
    for _ in range(50_000):
        deep = [deep]
    assert nesting_depth(deep) == MAX_DEPTH + 1  # stops one level past the limit
    assert nesting_depth({"a": [1, {"b": []}]}) == 4
    assert nesting_depth("x") == 0


def test_a_file_too_large_to_be_a_profile_is_refused_without_reading_it(tmp_path: Path) -> None:
    from maplepath.profile.load import MAX_PROFILE_BYTES

    big = tmp_path / "big.yaml"
    big.write_text("a" * (MAX_PROFILE_BYTES + 1))
    out = fails("profile", "check", str(big))
    assert "larger than 1,048,576" in out


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_a_pipe_is_refused_before_it_is_read(tmp_path: Path, special: str) -> None:
    import os

    if special == "fifo":
        special = str(tmp_path / "pipe.yaml")
        os.mkfifo(special)  # no writer: reading would wait for ever
    elif not Path(special).exists():
        pytest.skip("no /dev/zero on this system")
    started = time.perf_counter()
    assert "not a regular file" in fails("crs", special)
    assert time.perf_counter() - started < 5
