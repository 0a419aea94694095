"""Find the NOC 2021 unit group for a job title or a few words of duties.

Most people know their job title, not their NOC code. ``search`` ranks unit groups against the
unit-group titles (split into the occupations they name: "Software engineers and designers" is
also "software designers"), the project's alias table and keywords (rule
``occupations.tech_aliases``: "SRE", "full-stack dev", "product owner") and, when given, the
official example titles a user imported. Evidence: words weighted by rarity, the head noun
("engineer", "analyst") counting extra, and rapidfuzz similarity (typos, word order). An exact
official example title ranks first, then an exact alias, then an exact unit-group title.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from maplepath.i18n import noop, say
from maplepath.i18n import word as said
from maplepath.occupations import codes as occupations
from maplepath.rulebook import book as rulebook

ALIAS_RULE = "occupations.tech_aliases"
_TABLE_DATE = date(2022, 11, 16)  # NOC 2021 V1.0 in IRCC's programs
EMPTY_QUERY = "empty query: give a job title or a few words of duties"


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words carry no meaning; seniority words and NOC's filler words carry little.
_STOP = _wordset(
    "a an and the of in for to on at by or with as from i my we our me is am are be do"
)
_WEAK = _wordset(
    "senior junior lead principal staff intermediate associate head chief trainee entry level "
    "other related occupation professional specialized"
)
_KEEP = _wordset("news series species devops mlops dataops gitops kubernetes")  # not plurals
_PLURALS = {"ies": "y", "sses": "ss", "xes": "x", "ches": "ch", "shes": "sh", "men": "man"}
_SPECIAL = ((".net", " dotnet "), ("c++", " cplusplus "), ("c#", " csharp "), ("&", " and "))
_NON_WORD = re.compile(r"[^a-z0-9+#]+")
_EXCEPT = re.compile(r"\(except[^)]*\)")
_HEAD_END = re.compile(r" - | – |,|\(|/| of | for | in | at ")  # the head noun comes before
_EXTRA, _ALIAS, _TITLE = 0, 1, 2
_KIND = {_EXTRA: noop("official example title"), _ALIAS: noop("alias"), _TITLE: noop("title")}
_EXACT = {_EXTRA: 100.0, _ALIAS: 99.0, _TITLE: 97.0}  # the same words, any order: 0.5 less
# Scoring weights, measured on the official example titles
# (see tests/occupations/test_title_search.py).
_RARE = 6.0  # the weight of a word no unit group uses
_HEAD, _FUZZY, _PROFILE, _TIE = 0.25, 0.2, 0.95, 0.02
_PARTIAL = 0.9  # no partial match scores like an exact one (94.5-100)
_STEM, _RELATED, _TYPO = 0.7, 0.6, 0.8  # how much a relative of a word counts


@dataclass(frozen=True)
class SearchResult:
    code: str
    title: str
    teer: int
    score: float  # 0-100, higher is better
    why: str


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.isalpha() or word in _KEEP:
        return word
    for plural, single in _PLURALS.items():
        if word.endswith(plural):
            return word[: -len(plural)] + single
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _words(text: str) -> list[str]:
    text = _EXCEPT.sub(" ", text.lower())
    for old, new in _SPECIAL:
        text = text.replace(old, new)
    return [_singular(w) for w in _NON_WORD.split(text) if w]


@cache
def _table(part: str) -> Any:
    return rulebook.default().value(ALIAS_RULE, _TABLE_DATE)[part]


@cache
def _related() -> dict[str, frozenset[str]]:
    """Each job noun and the nouns used for the same kind of work ("director" ~ "manager")."""
    return {w: frozenset(group) - {w} for group in _table("related_nouns") for w in group}


def _tokens(text: str, reading: int = 0) -> tuple[list[str], list[str]]:
    """Normalised words, and notes on the abbreviations expanded ('"sre" -> site ...')."""
    words, out, notes = _words(text), [], []
    table = _table("abbreviations")
    for i, word in enumerate(words):
        expansion = table.get(word)
        if expansion is None:
            out.append(word)
            continue
        if isinstance(expansion, list):  # ambiguous: "pm" is product or project manager
            notes.append(
                say('"%(word)s" is ambiguous: %(readings)s', word=word, readings=_or(expansion))
            )
            expansion = expansion[min(reading, len(expansion) - 1)]
        elif isinstance(expansion, dict):  # "dev" ends a title as developer
            expansion = expansion["last" if i == len(words) - 1 else "other"]
        elif " " in expansion:
            notes.append(say('"%(word)s" -> %(expansion)s', word=word, expansion=expansion))
        out.extend(_singular(w) for w in expansion.split())
    return out, notes


def normalise(text: str) -> str:
    """Lower-case, strip punctuation, singularise plurals, expand abbreviations (an ambiguous
    abbreviation takes its first reading): "Full-Stack Devs!" -> "full stack developer"."""
    return " ".join(_tokens(text)[0])


def _content(text: str, reading: int = 0) -> tuple[list[str], str | None, list[str]]:
    """The words that carry meaning (no stop words, no repeats), the head noun, the notes."""
    tokens, notes = _tokens(text, reading)
    words = list(dict.fromkeys(t for t in tokens if t not in _STOP))
    part = _HEAD_END.split(f" {text.lower()} ")[0]
    part_tokens = _tokens(part, reading)[0] if part.strip() != text.lower().strip() else tokens
    heads = [t for t in part_tokens if t not in _STOP and t not in _WEAK] or words
    return words, (heads[-1] if heads else None), notes


def _title_variants(title: str) -> list[str]:
    """A unit-group title and the occupations it names: "Electrical and electronics engineers"
    is also "Electrical engineers" and "electronics engineers"."""
    clean = _EXCEPT.sub("", title).strip()
    bare = re.sub(r"\s*\([^)]*\)", "", clean)
    split = re.match(r"(.+?)( - | in | of )(.+)", bare)
    main, tail = (split[1], " " + split[3]) if split else (bare, "")
    parts = [p.split() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", main) if p.strip()]
    inverted = "," in main and len(parts[0]) == 1 and parts[0][0].endswith("s")
    inverted = inverted and any(not p[-1].endswith("s") for p in parts)
    if len(parts) < 2 or inverted:
        return [clean]  # one occupation, or "Supervisors, general office and ... workers"
    out = [clean]
    for i, words in enumerate(parts):
        if not words[-1].endswith("s"):  # "Electrical" takes the head of what follows
            after = next((p for p in parts[i + 1 :] if p[-1].endswith("s")), None)
            words = words + after[-1:] if after else words
        elif len(words) == 1 and i > 0 and len(parts[i - 1]) > 1:
            words = parts[i - 1][:-1] + words  # "designers" after "Software engineers"
        out.append(" ".join(words) + tail)
    return out


@dataclass(frozen=True)
class _Doc:
    label: str  # as written, for `why`
    words: tuple[str, ...]  # normalised, no stop words
    head: str | None
    code: str
    kind: int
    codes: tuple[str, ...]  # every code an ambiguous alias names, the usual one first


def _index(word_sets: Sequence[Iterable[str]]) -> dict[str, np.ndarray]:
    posting: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        for w in words:
            posting.setdefault(w, []).append(i)
    return {w: np.array(ix, dtype=np.int32) for w, ix in posting.items()}


class _Corpus:
    """Documents (an alias, a title or an example title, naming one code) and each unit group's
    profile (every word of its documents and keywords), indexed once."""

    def __init__(self, docs: list[_Doc], profile: dict[str, set[str]], heads: dict[str, set[str]]):
        self.docs = sorted(docs, key=lambda d: d.code)  # a code's documents are contiguous
        self.codes, self.profile = sorted(profile), profile
        where = {c: i for i, c in enumerate(self.codes)}
        self.starts = np.searchsorted([where[d.code] for d in self.docs], range(len(self.codes)))
        self.ends = np.append(self.starts[1:], len(self.docs))
        # Words in sorted order: rapidfuzz's plain ratio on these is token_sort_ratio, without
        # re-sorting 25,000 titles on every query.
        self.texts = [" ".join(sorted(d.words)) for d in self.docs]
        self.posting = _index([d.words for d in self.docs])
        self.by_head = _index([(d.head,) if d.head else () for d in self.docs])
        self.code_posting = _index([profile[c] for c in self.codes])
        self.code_heads = _index([heads[c] for c in self.codes])
        # A word found in few unit groups says more about the job (inverse document frequency).
        n = len(self.codes)
        self.weight = {
            w: math.log((n + 1) / (len(ix) + 0.5)) * (0.3 if w in _WEAK else 1.0)
            for w, ix in self.code_posting.items()
        }
        self.mass = np.array([sum(self.weight[w] for w in d.words) for d in self.docs], np.float32)
        self.secondary = np.array([d.codes[0] != d.code for d in self.docs], np.float32)
        self.exact: dict[str, list[int]] = {}  # the same words in any order
        self.verbatim: dict[str, list[int]] = {}  # the same text but for case and spacing
        for i, d in enumerate(self.docs):
            self.exact.setdefault(self.texts[i], []).append(i)
            self.verbatim.setdefault(" ".join(d.label.lower().split()), []).append(i)
        self.vocab = sorted(self.weight)
        self.stems: dict[str, list[str]] = {}
        for w in self.vocab:
            self.stems.setdefault(w[:6], []).append(w)
        self.families: dict[str, list[tuple[str, float]]] = {}

    def family(self, word: str) -> list[tuple[str, float]]:
        """The word and its relatives in the vocabulary, with how much each counts: "director"
        finds "manager" (a related job noun), "mechanics" finds "mechanical" (a shared stem),
        "programer" finds "programmer" (a typo)."""
        if word not in self.families:
            if len(self.families) > 100_000:  # a long-running server meets endless new words
                self.families.clear()
            found = [(word, 1.0)] if word in self.weight else []
            found += [(w, _RELATED) for w in _related().get(word, ()) if w in self.weight]
            stems = self.stems.get(word[:6], []) if len(word) >= 6 else []
            shared = [(o, Prefix.similarity(word, o) / min(len(word), len(o))) for o in stems]
            found += [(o, _STEM) for o, share in shared if o != word and share >= 0.7]
            if not found and len(word) >= 4:
                best = process.extractOne(word, self.vocab, scorer=fuzz.ratio, score_cutoff=85)
                found += [(best[0], _TYPO)] if best else []
            self.families[word] = found
        return self.families[word]

    def hits(self, posting: dict[str, np.ndarray], word: str | None, n: int) -> np.ndarray:
        """How strongly each document (or unit group) contains the word or a relative."""
        hit = np.zeros(n, np.float32)
        for other, strength in self.family(word) if word else []:
            if other in posting:
                hit[posting[other]] = np.maximum(hit[posting[other]], strength)
        return hit


def _build(extra: Iterable[tuple[str, str]] = ()) -> _Corpus:
    docs: list[_Doc] = []
    profile: dict[str, set[str]] = {c: set() for c in occupations.unit_groups()}
    heads: dict[str, set[str]] = {c: set() for c in profile}

    def add(text: str, code: str, kind: int | None, codes: tuple[str, ...] = ()) -> None:
        words, head, _ = _content(text)
        profile[code].update(words)
        heads[code].update([head] if head else [])
        if words and kind is not None:  # keywords (kind None) only feed the profile
            docs.append(_Doc(text, tuple(words), head, code, kind, codes or (code,)))

    for code, title in extra:
        if code not in profile:
            raise ValueError(f"extra title {title!r}: {code!r} is not a NOC 2021 unit group")
        add(title, code, _EXTRA)
    for alias, value in _table("aliases").items():
        codes = (value,) if isinstance(value, str) else tuple(value)
        for code in codes:
            add(alias, code, _ALIAS, codes)
    for code, group in occupations.unit_groups().items():
        for variant in _title_variants(group.title):
            add(variant, code, _TITLE)
    for code, phrases in _table("keywords").items():
        for phrase in phrases:
            add(phrase, code, None)
    return _Corpus(docs, profile, heads)


_builtin = cache(_build)
_Titles = Sequence[tuple[str, str]]
_imported: list[tuple[_Titles, int, tuple[tuple[str, str], ...], _Corpus]] = []  # the last


def _corpus(extra: _Titles | None) -> _Corpus:
    """The built-in corpus, or one that also holds the imported titles (built once per index;
    a caller that changes its sequence in place should pass a new one)."""
    if not extra:
        return _builtin()
    if _imported and _imported[0][0] is extra and _imported[0][1] == len(extra):
        return _imported[0][3]
    key = tuple((str(c), str(t)) for c, t in extra)
    corpus = _imported[0][3] if _imported and _imported[0][2] == key else _build(key)
    _imported[:] = [(extra, len(extra), key, corpus)]
    return corpus


def _score(corpus: _Corpus, text: str, reading: int) -> tuple[np.ndarray, np.ndarray]:
    """Each document's score and each unit group's profile score (0-100) for one reading."""
    words, head, _ = _content(text, reading)
    n_docs, n_codes = len(corpus.docs), len(corpus.codes)
    doc_hit, code_hit, total = np.zeros(n_docs, np.float32), np.zeros(n_codes, np.float32), 0.0
    for word in words:
        relatives = (corpus.weight[w] for w, _ in corpus.family(word))
        weight = corpus.weight.get(word) or max(relatives, default=_RARE)
        total += weight
        doc_hit += weight * corpus.hits(corpus.posting, word, n_docs)
        code_hit += weight * corpus.hits(corpus.code_posting, word, n_codes)
    coverage = doc_hit / max(total, 1e-6)
    precision = np.minimum(doc_hit / np.maximum(corpus.mass, 1e-6), 1.0)
    # Recall-weighted F-measure: explain the whole query first, the whole document second; the
    # head noun ("engineer" in "civil engineer") must match for full marks.
    f2 = 5 * coverage * precision / np.maximum(4 * precision + coverage, 1e-6)
    f2 *= 1 - _HEAD + _HEAD * corpus.hits(corpus.by_head, head, n_docs)
    key = " ".join(sorted(words))
    similar = process.cdist([key], corpus.texts, scorer=fuzz.ratio, dtype=np.float32)[0]
    doc = _PARTIAL * np.minimum((1 - _FUZZY) * 100 * f2 + _FUZZY * similar, 93.0)
    # The same words in any order; then without seniority ("Senior software engineer" is a
    # software engineer: seniority does not change the unit group).
    bare = " ".join(sorted(w for w in words if w not in _WEAK))
    for i in corpus.exact.get(bare, []) if bare != key else []:
        doc[i] = _EXACT[corpus.docs[i].kind] - 1.5
    for i in corpus.exact.get(key, []):
        doc[i] = _EXACT[corpus.docs[i].kind] - 0.5
    for i in corpus.verbatim.get(" ".join(text.lower().split()), []):
        doc[i] = _EXACT[corpus.docs[i].kind]
    doc -= 3.0 * corpus.secondary  # an ambiguous alias's less usual readings
    profile = np.minimum(code_hit / max(total, 1e-6), 1.0)
    profile *= 1 - _HEAD + _HEAD * corpus.hits(corpus.code_heads, head, n_codes)
    return doc, _PARTIAL * np.minimum(100 * _PROFILE * profile, 94.0)


def search(
    text: str, limit: int = 5, extra_titles: Sequence[tuple[str, str]] | None = None
) -> list[SearchResult]:
    """The unit groups that best match a job title or a few words of duties, best first, one
    per unit group: ``search("SRE")[0].code == "21231"``. ``extra_titles`` are (code, title)
    pairs from an imported official index; an official example title then ranks first."""
    words, _, notes = _content(text) if text and text.strip() else ([], None, [])
    if not words:
        raise ValueError(EMPTY_QUERY)
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    corpus = _corpus(extra_titles)
    table = _table("abbreviations")
    readings = max([len(table[w]) for w in _words(text) if isinstance(table.get(w), list)] or [1])
    runs = [_score(corpus, text, r) for r in range(readings)]  # "pm": product, then project
    best = []
    for doc, profile in runs:
        top = np.maximum.reduceat(doc, corpus.starts)  # one result per unit group
        # A unit group's profile speaks when none of its documents does; they break ties.
        best.append(np.where(profile > top, profile + _TIE * top, top))
    scores = np.max(best, axis=0)
    results = []
    for c in np.argsort(-scores, kind="stable")[:limit]:
        doc, profile = runs[int(np.argmax([b[c] for b in best]))]
        group = occupations.unit_groups()[corpus.codes[c]]
        why = "; ".join([*notes, _why(corpus, int(c), doc, float(profile[c]), words)])
        score = round(min(max(float(scores[c]), 0.0), 100.0), 1)
        results.append(SearchResult(group.code, group.title, group.teer, score, why))
    return results


def _why(corpus: _Corpus, c: int, doc: np.ndarray, profile: float, words: list[str]) -> str:
    """Why unit group number c matched: its best document, or the words of its profile."""
    i = int(corpus.starts[c] + np.argmax(doc[corpus.starts[c] : corpus.ends[c]]))
    d = corpus.docs[i]
    also = say(" (ambiguous: %(codes)s)", codes=_or(d.codes)) if len(d.codes) > 1 else ""
    kind, label = said(_KIND[d.kind]), '"' + d.label + '"'
    if doc[i] > 90.0:
        return f"{kind} {label}{also}"
    if doc[i] < profile:
        vocabulary = corpus.profile[corpus.codes[c]]
        found = [w for w in words if any(o in vocabulary for o, _ in corpus.family(w))]
        return say(
            "words of the unit group's titles, aliases and keywords: %(words)s",
            words=", ".join(found),
        )
    found = [w for w in words if any(o in d.words for o, _ in corpus.family(w))]
    if found:
        return say(
            "%(kind)s words: %(words)s (in %(label)s)%(also)s",
            kind=kind,
            words=", ".join(found),
            label=label,
            also=also,
        )
    return say("similar to %(kind)s %(label)s%(also)s", kind=kind, label=label, also=also)


def _or(options: Iterable[str]) -> str:
    """``a or b or c`` in the language in force."""
    return say(" or ").join(options)
